package codemod_test

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/transforms"
)

// TestCheckTreeIsFresh runs every fixture project (fixtures/*/input) with
// the real transforms and checks that the tree the last check reads is the
// tree a fresh parse of the same output gives: the Go tree Check walks
// (kinds, fields, byte ranges, parents) whether it was built from the
// input's tree and the touched statements parsed alone (checkTree) or
// parsed incrementally from the input's tree (ReparseShared), and in the
// second case the C tree too (with row/column points).
func TestCheckTreeIsFresh(t *testing.T) {
	dirs, err := filepath.Glob("../fixtures/*/input")
	if err != nil || len(dirs) < 50 {
		t.Fatalf("fixture inputs: %v (%d)", err, len(dirs))
	}
	m, err := transforms.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	checked, alone := 0, 0
	var dir string
	codemod.SetCheckTreeHook(t, func(p *codemod.Parser, out []byte, tsx bool, root *codemod.Node) {
		checked++
		want, wantRoot := codemod.FreshTree(t, out, tsx)
		if kept := codemod.KeptTree(p, tsx); len(kept) == 0 {
			alone++ // no C tree of out: its touched statements were parsed alone (checkTree)
		} else if d := codemod.TreeDiff(kept, want); d != "" {
			t.Errorf("%s: the last check's tree differs from a fresh parse: %s\n%s", dir, d, out)
		}
		if d := codemod.NodeDiff(root, wantRoot); d != "" {
			t.Errorf("%s: the last check's Go tree differs from a fresh parse: %s", dir, d)
		}
	})
	for _, dir = range dirs {
		next := 0
		if b, err := os.ReadFile(filepath.Join(filepath.Dir(dir), "args.txt")); err == nil {
			for _, l := range strings.Fields(string(b)) {
				if v, ok := strings.CutPrefix(l, "--next-version="); ok {
					next, _ = strconv.Atoi(v)
				}
			}
		}
		codemod.Run(codemod.Options{Paths: []string{dir}, Jobs: 1, NextMajor: next, Migrator: m,
			Stdout: io.Discard, Stderr: io.Discard})
	}
	if checked < 400 { // 437 when written
		t.Errorf("the last check read %d outputs; the fixtures have more routes than that", checked)
	}
	if alone < checked*3/4 {
		t.Errorf("only %d of %d outputs had their touched statements parsed alone", alone, checked)
	}
	t.Logf("%d outputs checked against a fresh parse, %d of them parsed in part", checked, alone)
}

// TestCheckTreeBoundaries gives checkTree edits whose touched statements
// meet the code around them in every way automatic semicolon insertion
// cares about: where the statements read alone as in place it must give
// the tree of a fresh parse of the whole output, and where they would not
// (a line that starts with "(" or "[" after a statement with no ";", two
// statements brought onto one line) it must refuse, so that the whole
// output is parsed.
func TestCheckTreeBoundaries(t *testing.T) {
	p := codemod.NewParser()
	defer p.Close()
	for _, tt := range []struct {
		name      string
		ts        bool
		src       string
		old, new_ string // the edit: the first old in src becomes new_
		alone     bool   // checkTree parses the touched statements alone
	}{
		{"closed by a semicolon", true, "import a from \"a\";\nconst x = 1;\nexport default function h(req, res) { res.end() }\n",
			"export default function h(req, res) { res.end() }", "export async function GET() {\n  return new Response(null);\n}", true},
		{"at the start of the file", true, "import type { A } from \"next\";\nconst x = 1;\n", "import type { A } from \"next\";", "import type { B } from \"next/server\";", true},
		{"no semicolon, a keyword after a line break", false, "const a = b\nfunction h() { return 1 }\n", "function h() { return 1 }", "export function GET() { return 2 }", true},
		{"no semicolon, an edit inside", false, "const a = b\nexport function h(req) { return req.body }\nconst c = d\n", "req.body", "await req.json()", true},
		{"a marker comment before an untouched statement", false, "const a = 1;\nfoo();\n", "foo();", "// TODO(routemod): x\nfoo();", true},
		{"a paren line after no semicolon", false, "const a = b\nfoo()\n", "foo()", "(foo)()", false},
		{"a region left open before a paren line", false, "let a = 1;\n(bar)();\n", "let a = 1;", "let a = b", false},
		{"a statement removed between two that then join", false, "a = 1\nfunction g() {}\n[1].map(f)\n", "function g() {}\n", "", false},
		{"two statements brought onto one line", false, "const a = 1\nfunction g() {}\n", "\nfunction g() {}", " export function GET() {}", false},
		{"a type alias is not closed by its brace", true, "type A = {}\nfunction h() {}\n", "function h() {}", "[1].forEach(f)", false},
		{"a function declaration is closed by its brace", false, "function g() {}\nfunction h() {}\n", "function h() {}", "[1].forEach(f)", true},
		{"an export list with no semicolon before an untouched export", false, "function h(req, res) {}\nexport default h\nexport const config = {}\n",
			"function h(req, res) {}\nexport default h", "function GET(req) {}\nexport { GET }", true},
		{"a touched statement that does not parse alone", false, "const a = 1;\nconst b = 2;\n", "const b = 2;", "const b = ;", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			at := strings.Index(tt.src, tt.old)
			if at < 0 {
				t.Fatalf("%q not in the source", tt.old)
			}
			edits := []codemod.Edit{{Start: at, End: at + len(tt.old), New: tt.new_}}
			out, err := codemod.ApplyEdits(src, edits)
			if err != nil {
				t.Fatal(err)
			}
			root, alone := codemod.CheckTree(p, src, edits, out, !tt.ts)
			if alone != tt.alone {
				t.Fatalf("parsed alone: %v, want %v\n%s", alone, tt.alone, out)
			}
			if alone {
				_, want := codemod.FreshTree(t, out, !tt.ts)
				if d := codemod.NodeDiff(root, want); d != "" {
					t.Errorf("differs from a fresh parse: %s\n%s", d, out)
				}
			}
		})
	}
}

// TestCheckTreeSweep replaces and removes, one at a time, every top-level
// statement of every fixture route input, the replacement its own text
// without its final ";" (so that boundaries without semicolons meet every
// kind of statement): whenever checkTree parses the touched statements
// alone, the output must parse whole, to the same tree.
func TestCheckTreeSweep(t *testing.T) {
	files, err := filepath.Glob("../fixtures/*/input/pages/api/*.[jt]s")
	if err != nil || len(files) < 50 {
		t.Fatalf("fixture inputs: %v (%d files)", err, len(files))
	}
	p := codemod.NewParser()
	defer p.Close()
	q := codemod.NewParser()
	defer q.Close()
	tried, alone := 0, 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		tsx := !strings.HasSuffix(file, ".ts")
		root, err := q.Parse(src, tsx)
		if err != nil {
			continue
		}
		for _, st := range root.Children {
			text := st.Text(src)
			for _, e := range []codemod.Edit{{Start: st.Start, End: st.End, New: strings.TrimSuffix(text, ";")}, {Start: st.Start, End: st.End}} {
				if e.New == text {
					continue
				}
				out, err := codemod.ApplyEdits(src, []codemod.Edit{e})
				if err != nil {
					t.Fatal(err)
				}
				tried++
				got, ok := codemod.CheckTree(p, src, []codemod.Edit{e}, out, tsx)
				if !ok {
					continue
				}
				alone++
				want, err := q.Parse(out, tsx)
				if err != nil {
					t.Errorf("%s: the output does not parse (%v), but its touched statements did alone:\n%s", file, err, out)
					continue
				}
				if d := codemod.NodeDiff(got, want); d != "" {
					t.Errorf("%s: differs from a fresh parse: %s\n%s", file, d, out)
				}
			}
		}
	}
	if alone < tried/2 {
		t.Errorf("only %d of %d edits parsed alone", alone, tried)
	}
	t.Logf("%d edits, %d parsed alone", tried, alone)
}
