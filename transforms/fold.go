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
	for i, e := range f.Edits() {
		if e.Start >= start && e.End <= end && (e.Start != e.End || e.Start != start && e.Start != end) {
			inner = append(inner, e)
			at = append(at, i)
		}
	}
	sorted, err := codemod.SortEdits(inner)
	if err != nil {
		panic(err)
	}
	used := make([]bool, len(sorted))
	cp := func(n *Node) string {
		for i, e := range sorted {
			if e.Start >= n.Start && e.End <= n.End {
				used[i] = true
			}
		}
		s, err := codemod.CopyRange(m.src, n.Start, n.End, sorted, codemod.Reindent{})
		if err != nil {
			panic(err)
		}
		return s
	}
	cpRange := func(a, b int, ri codemod.Reindent) string {
		for i, e := range sorted {
			if e.Start >= a && e.End <= b {
				used[i] = true
			}
		}
		s, err := codemod.CopyRange(m.src, a, b, sorted, ri)
		if err != nil {
			panic(err)
		}
		return s
	}
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
	all := f.Edits()
	for _, i := range at {
		all[i] = codemod.Dropped
	}
	f.Replace(start, end, text)
}
