package codemod_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/transforms"
)

// todoMigrator migrates every route like stubMigrator and marks the ones
// whose text says NEEDS, so they are needs-review; the project steps (the
// index, the importers) are the real ones.
type todoMigrator struct{ *transforms.Migrator }

func newTodoMigrator() todoMigrator {
	m, err := transforms.New(nil)
	if err != nil {
		panic(err)
	}
	return todoMigrator{m}
}

func (todoMigrator) Migrate(f *codemod.File) {
	f.Insert(0, "// migrated\n")
	if bytes.Contains(f.Src, []byte("NEEDS")) {
		f.Todo(0, "by hand")
	}
}

func TestHolds(t *testing.T) {
	files := map[string]string{
		// b needs review and imports a: a stays with it.
		"pages/api/a.ts": "export type A = 1;\nexport default function h(req, res) {}\n",
		"pages/api/b.ts": "import type { A } from './a';\n// NEEDS\nexport default function h(req, res) {}\n",
		// d imports c; both complete: both move (c waits for d).
		"pages/api/c.ts": "export type C = 1;\nexport default function h(req, res) {}\n",
		"pages/api/d.ts": "import type { C } from './c';\nexport default function h(req, res) {}\n",
		// g needs review, imports f, which imports e: all three stay.
		"pages/api/e.ts": "export type E = 1;\nexport default function h(req, res) {}\n",
		"pages/api/f.ts": "import type { E } from './e';\nexport type F = 1;\nexport default function h(req, res) {}\n",
		"pages/api/g.ts": "import type { F } from './f';\n// NEEDS\nexport default function h(req, res) {}\n",
		// a test takes h's handler: h stays unless IncludeTODO.
		"pages/api/h.ts":   "export default function h(req, res) {}\n",
		"lib/h.test.ts":    "import handler from '../pages/api/h';\n",
		"lib/types.ts":     "import type { C } from '../pages/api/c';\n",
		"pages/api/x/y.ts": "export default function h(req, res) {}\n",
	}
	tests := []struct {
		includeTODO bool
		want        map[string]string // path => status, kept marked with a +
	}{
		{false, map[string]string{
			"pages/api/a.ts": "skipped", "pages/api/b.ts": "needs-review+",
			"pages/api/c.ts": "migrated", "pages/api/d.ts": "migrated",
			"pages/api/e.ts": "skipped", "pages/api/f.ts": "skipped", "pages/api/g.ts": "needs-review+",
			"pages/api/h.ts": "skipped", "pages/api/x/y.ts": "migrated", "lib/types.ts": "migrated",
		}},
		{true, map[string]string{
			"pages/api/a.ts": "migrated", "pages/api/b.ts": "needs-review",
			"pages/api/c.ts": "migrated", "pages/api/d.ts": "migrated",
			"pages/api/e.ts": "migrated", "pages/api/f.ts": "migrated", "pages/api/g.ts": "needs-review",
			"pages/api/h.ts": "migrated", "pages/api/x/y.ts": "migrated", "lib/types.ts": "migrated", "lib/h.test.ts": "needs-review",
		}},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		for p, text := range files {
			full := filepath.Join(dir, filepath.FromSlash(p))
			os.MkdirAll(filepath.Dir(full), 0o755)
			os.WriteFile(full, []byte(text), 0o644)
		}
		var out, errOut bytes.Buffer
		codemod.Run(codemod.Options{Paths: []string{dir}, Write: true, Force: true, JSON: true, IncludeTODO: tt.includeTODO, Jobs: 2, Migrator: newTodoMigrator(), Stdout: &out, Stderr: &errOut})
		var rep struct{ Files []codemod.Result }
		if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
			t.Fatalf("%v\n%s%s", err, out.String(), errOut.String())
		}
		got := map[string]string{}
		for _, r := range rep.Files {
			s := string(r.Status)
			if r.Kept {
				s += "+"
			}
			if r.Path != "tsconfig.json" {
				got[r.Path] = s
			}
		}
		for p, w := range tt.want {
			if got[p] != w {
				t.Errorf("includeTODO=%v: %s is %q, want %q", tt.includeTODO, p, got[p], w)
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("includeTODO=%v: files %v, want %v", tt.includeTODO, got, tt.want)
		}
		// Whatever stays is byte for byte what it was.
		for p, w := range tt.want {
			if b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p))); (w == "skipped" || w == "needs-review+") && (err != nil || string(b) != files[p]) {
				t.Errorf("includeTODO=%v: %s changed though it stays", tt.includeTODO, p)
			}
		}
	}
	// A route of the project that is not part of the run stays, and so does
	// the route it imports.
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "pages", "api"), 0o755)
	os.WriteFile(filepath.Join(dir, "pages/api/a.ts"), []byte(files["pages/api/a.ts"]), 0o644)
	os.WriteFile(filepath.Join(dir, "pages/api/d.ts"), []byte("import type { A } from './a';\nexport default function h(req, res) {}\n"), 0o644)
	var out, errOut bytes.Buffer
	codemod.Run(codemod.Options{Paths: []string{filepath.Join(dir, "pages/api/a.ts")}, Write: true, Force: true, Migrator: newTodoMigrator(), Stdout: &out, Stderr: &errOut})
	if want := "pages/api/a.ts: skipped: stays in pages/api: pages/api/d.ts imports it and stays there"; !bytes.Contains(errOut.Bytes(), []byte(want)) {
		t.Errorf("a route imported by a route outside the run moved:\n%s%s", out.String(), errOut.String())
	}
}
