package codemod

import (
	"iter"
	"os"
	"path/filepath"
	"testing"
)

// fixtureInputs yields the TypeScript route files of the fixture inputs
// (name and text), in a fixed order of varied sizes.
func fixtureInputs(t *testing.T) iter.Seq2[string, []byte] {
	files, err := filepath.Glob("../fixtures/*/input/pages/api/*.ts")
	if err != nil || len(files) < 10 {
		t.Fatalf("fixture inputs: %v (%d files)", err, len(files))
	}
	return func(yield func(string, []byte) bool) {
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if !yield(f, src) {
				return
			}
		}
	}
}

// walkReference is Walk's meaning, written as the plain recursion over
// Children that the preorder-array walk must match.
func walkReference(n *Node, fn func(*Node) bool) {
	if !fn(n) {
		return
	}
	for _, c := range n.Children {
		walkReference(c, fn)
	}
}

// TestWalkMatchesChildren checks Walk against walkReference over every
// fixture input, from the root and from inner nodes, with and without
// skipping subtrees.
func TestWalkMatchesChildren(t *testing.T) {
	p := NewParser()
	defer p.Close()
	for f, src := range fixtureInputs(t) {
		root, err := p.Parse(src, false)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var starts []*Node
		walkReference(root, func(n *Node) bool {
			if len(n.Children) > 0 {
				starts = append(starts, n)
			}
			return true
		})
		for _, start := range starts {
			for _, skip := range []string{"", "call_expression", "statement_block"} {
				keep := func(n *Node) bool { return n.Kind != skip }
				var want, got []*Node
				walkReference(start, func(n *Node) bool { want = append(want, n); return keep(n) })
				start.Walk(func(n *Node) bool { got = append(got, n); return keep(n) })
				if len(got) != len(want) {
					t.Fatalf("%s: walk from %s at %d skipping %q: %d nodes, want %d", f, start.Kind, start.Start, skip, len(got), len(want))
				}
				for i := range want {
					if got[i] != want[i] {
						t.Fatalf("%s: walk from %s at %d skipping %q: node %d is %s, want %s", f, start.Kind, start.Start, skip, i, got[i].Kind, want[i].Kind)
					}
				}
			}
		}
	}
}

// TestParseSharedMatchesParse parses the fixture inputs in turn (large and
// small, so the shared arrays are both grown and reused) and checks each
// tree against a fresh Parse of the same text.
func TestParseSharedMatchesParse(t *testing.T) {
	p, fresh := NewParser(), NewParser()
	defer p.Close()
	defer fresh.Close()
	for f, src := range fixtureInputs(t) {
		shared, err := p.ParseShared(src, false)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		want, _ := fresh.Parse(src, false)
		if got, want := shared.Sexp(src), want.Sexp(src); got != want {
			t.Fatalf("%s: shared tree differs:\n%s\nwant:\n%s", f, got, want)
		}
		var n int
		shared.Walk(func(m *Node) bool {
			if m.Parent != nil && !m.Parent.Contains(m) {
				t.Fatalf("%s: %s at %d lies outside its parent", f, m.Kind, m.Start)
			}
			n++
			return true
		})
		if int(shared.desc)+1 != n {
			t.Fatalf("%s: root counts %d descendants, walk saw %d nodes", f, shared.desc, n)
		}
	}
}

func TestIndexAndSiblings(t *testing.T) {
	p := NewParser()
	defer p.Close()
	src := []byte("a();\n// c\nb();\nc();\n")
	root, err := p.Parse(src, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range root.Children {
		if got := c.Index(); got != i {
			t.Errorf("%q: Index() = %d, want %d", c.Text(src), got, i)
		}
	}
	if root.Index() != -1 {
		t.Errorf("the root's Index() = %d, want -1", root.Index())
	}
	tests := []struct{ stmt, next string }{{"a();", "b();"}, {"b();", "c();"}, {"c();", ""}}
	for _, tt := range tests {
		for _, c := range root.Children {
			if c.Text(src) != tt.stmt {
				continue
			}
			got := ""
			if n := c.NextNamedSibling(); n != nil {
				got = n.Text(src)
			}
			if got != tt.next {
				t.Errorf("NextNamedSibling of %q = %q, want %q", tt.stmt, got, tt.next)
			}
		}
	}
}
