package codemod

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TreeNode is one node of a C tree as tree-sitter holds it, points
// included, for comparing trees in tests.
type TreeNode struct {
	Kind, Field                        string
	Start, End                         int
	StartRow, StartCol, EndRow, EndCol int
	Parent                             int
	Flags                              uint8
}

func (n TreeNode) String() string {
	return fmt.Sprintf("%s %s [%d,%d) (%d:%d)-(%d:%d) parent %d flags %d", n.Kind, n.Field, n.Start, n.End, n.StartRow, n.StartCol, n.EndRow, n.EndCol, n.Parent, n.Flags)
}

// KeptTree returns the C tree p keeps for the grammar (the last
// ParseShared or ReparseShared), flattened in preorder.
func KeptTree(p *Parser, tsx bool) []TreeNode {
	cp, kinds, fields := p.ts, p.kindsTS, p.fieldsTS
	if tsx {
		cp, kinds, fields = p.tsx, p.kindsTSX, p.fieldsTSX
	}
	flat, pts := cp.kept()
	out := make([]TreeNode, len(flat))
	for i, f := range flat {
		out[i] = TreeNode{Kind: kinds[f.kind], Field: fields[f.field], Start: int(f.start), End: int(f.end),
			StartRow: int(pts[2*i].row), StartCol: int(pts[2*i].column), EndRow: int(pts[2*i+1].row), EndCol: int(pts[2*i+1].column),
			Parent: int(f.parent), Flags: uint8(f.flags)}
	}
	return out
}

// FreshTree parses src with a parser of its own and returns the C tree as
// KeptTree does, and the Go tree.
func FreshTree(t *testing.T, src []byte, tsx bool) ([]TreeNode, *Node) {
	q := NewParser()
	defer q.Close()
	if _, err := q.ParseShared(src, tsx); err != nil {
		t.Fatalf("fresh parse: %v", err)
	}
	tree := KeptTree(q, tsx)
	root, _ := q.Parse(src, tsx) // a copy that outlives q
	return tree, root
}

// TreeDiff describes the first difference between two flattened trees,
// "" when they are the same.
func TreeDiff(got, want []TreeNode) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("node %d: got %v, want %v", i, got[i], want[i])
		}
	}
	if len(got) != len(want) {
		return fmt.Sprintf("got %d nodes, want %d", len(got), len(want))
	}
	return ""
}

// NodeDiff describes the first difference between two Go trees, "" when
// they are the same.
func NodeDiff(got, want *Node) string {
	var a, b []*Node
	got.Walk(func(n *Node) bool { a = append(a, n); return true })
	want.Walk(func(n *Node) bool { b = append(b, n); return true })
	for i := range min(len(a), len(b)) {
		x, y := a[i], b[i]
		for _, c := range x.Children {
			if c.Parent != x {
				return fmt.Sprintf("node %d: a child %s [%d,%d) of %s has another parent", i, c.Kind, c.Start, c.End, x.Kind)
			}
		}
		if (x.Parent == nil) != (y.Parent == nil) || x.Parent != nil && x.Parent.Children[x.Index()] != x {
			return fmt.Sprintf("node %d: %s [%d,%d) is not where its parent has it", i, x.Kind, x.Start, x.End)
		}
		if x.Kind != y.Kind || x.Field != y.Field || x.Start != y.Start || x.End != y.End || x.Named != y.Named || len(x.Children) != len(y.Children) {
			return fmt.Sprintf("node %d: got %s %s [%d,%d) %d children, want %s %s [%d,%d) %d children",
				i, x.Kind, x.Field, x.Start, x.End, len(x.Children), y.Kind, y.Field, y.Start, y.End, len(y.Children))
		}
	}
	if len(a) != len(b) {
		return fmt.Sprintf("got %d nodes, want %d", len(a), len(b))
	}
	return ""
}

// SetCheckTreeHook makes fn see every tree the last check reads, until the
// test ends.
func SetCheckTreeHook(t *testing.T, fn func(p *Parser, out []byte, tsx bool, root *Node)) {
	checkTreeHook = fn
	t.Cleanup(func() { checkTreeHook = nil })
}

// syntheticEdits returns edits of src that keep it valid and move rows and
// columns: every identifier req becomes request, every string's text
// changes length, and a comment of two lines goes before every return.
func syntheticEdits(root *Node, src []byte) []Edit {
	var edits []Edit
	root.Walk(func(n *Node) bool {
		switch {
		case n.Kind == "identifier" && n.Text(src) == "req":
			edits = append(edits, Edit{Start: n.Start, End: n.End, New: "request"})
		case n.Kind == "string_fragment":
			edits = append(edits, Edit{Start: n.Start, End: n.End, New: "x"})
		case n.Kind == "return_statement":
			edits = append(edits, Edit{Start: n.Start, End: n.Start, New: "/* moved\n   by a test */ "})
		}
		return true
	})
	return edits
}

// TestReparseIsFresh checks that ReparseShared, which edits the kept tree
// and re-parses incrementally, gives the tree a fresh parse of the same
// text gives (kinds, fields, byte ranges and row/column points, C and Go
// trees), over every fixture route input with edits that shift rows and
// columns, one tree edit per edit and with runs of edits merged. It fails
// when the edits' byte offsets, their order or a merge is wrong (each was
// tried). A wrong row or column alone does not show here: tree-sitter
// re-lexes every token an edit touches and takes positions from the
// tokens, and the TypeScript grammar's scanner never reads the column;
// rm_parse still gives tree-sitter the true points.
func TestReparseIsFresh(t *testing.T) {
	files, err := filepath.Glob("../fixtures/*/input/pages/api/*.[jt]s")
	if err != nil || len(files) < 50 {
		t.Fatalf("fixture inputs: %v (%d files)", err, len(files))
	}
	defer func(n int) { maxTreeEdits = n }(maxTreeEdits)
	p := NewParser()
	defer p.Close()
	for _, limit := range []int{maxTreeEdits, 3} {
		maxTreeEdits = limit
		edited := 0
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			tsx := !strings.HasSuffix(file, ".ts")
			root, err := p.ParseShared(src, tsx)
			if err != nil {
				continue // a fixture of an input that does not parse
			}
			sorted, err := SortEdits(syntheticEdits(root, src))
			if err != nil {
				t.Fatal(err)
			}
			out, err := ApplyEdits(src, sorted)
			if err != nil {
				t.Fatal(err)
			}
			if len(sorted) > 0 {
				edited++
			}
			got, err := p.ReparseShared(src, sorted, out, tsx)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			want, wantRoot := FreshTree(t, out, tsx)
			if d := TreeDiff(KeptTree(p, tsx), want); d != "" {
				t.Errorf("%s (%d edits, at most %d tree edits): incremental tree differs: %s", file, len(sorted), limit, d)
			}
			if d := NodeDiff(got, wantRoot); d != "" {
				t.Errorf("%s: Go tree differs: %s", file, d)
			}
		}
		if edited < 50 {
			t.Errorf("only %d files edited", edited)
		}
	}
}

// CheckTree runs checkTree on src's tree, parsed with p (as lastCheck
// does), for tests.
func CheckTree(p *Parser, src []byte, edits []Edit, out []byte, tsx bool) (*Node, bool) {
	root, err := p.ParseShared(src, tsx)
	if err != nil {
		return nil, false
	}
	return p.checkTree(src, root, edits, out, tsx)
}
