package transforms

import (
	"fmt"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// replaceFolding replaces [start, end) with the text build returns. build
// copies sub-nodes with copy, which applies the edits other transforms
// already made inside them; those edits are folded into the new one. An
// edit inside the range that no copy used is a conflict.
func (m *migration) replaceFolding(start, end int, build func(copy func(n *Node) string) string) {
	m.replaceFoldingRange(start, end, func(cp func(*Node) string, _ func(a, b int, ri codemod.Reindent) string) string {
		return build(cp)
	})
}

// replaceFoldingRange is replaceFolding whose build may also copy a range
// of lines re-indented (cpRange), with the edits inside it applied.
func (m *migration) replaceFoldingRange(start, end int, build func(cp func(n *Node) string, cpRange func(a, b int, ri codemod.Reindent) string) string) {
	f := m.f
	var inner []codemod.Edit
	var at []int // where the inner edits are in f.Edits()
	for _, i := range f.EditsWithin(start, end) {
		if e := f.Edits()[i]; e.Start != e.End || e.Start != start && e.Start != end {
			inner = append(inner, e)
			at = append(at, i)
		}
	}
	sorted, err := codemod.SortEdits(inner)
	if err != nil {
		panic(err)
	}
	used := make([]bool, len(sorted))
	cpRange := func(a, b int, ri codemod.Reindent) string {
		i, j := codemod.Within(sorted, a, b)
		for ; i < j; i++ {
			used[i] = true
		}
		s, err := codemod.CopyRange(m.src, a, b, sorted, ri)
		if err != nil {
			panic(err)
		}
		return s
	}
	cp := func(n *Node) string { return cpRange(n.Start, n.End, codemod.Reindent{}) }
	text := build(cp, cpRange)
	if end > start && m.src[end-1] == ';' && !strings.HasSuffix(strings.TrimRight(text, " \t\r\n"), ";") {
		text += ";" // the statement kept its semicolon: `a();0` must not become `b()0`
	}
	for i, u := range used {
		if !u {
			panic(fmt.Errorf("edit [%d,%d) by %s lost inside [%d,%d)", sorted[i].Start, sorted[i].End, sorted[i].By, start, end))
		}
	}
	// The folded edits go: each is overwritten in place (removing them
	// would move every later edit, once per send: quadratic in a large file).
	for _, i := range at {
		f.DropEdit(i)
	}
	f.Replace(start, end, text)
}
