package codemod

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// settleMigrator stands in for a Migrator with a plan: every route that
// says CALLS depends on Settle; Settle changes lib/h.ts by the edit the
// test gives (for the routes that move), and asks to migrate again the
// routes that say REDO, counting the migrations.
type settleMigrator struct {
	noProject
	edit  func(f *File)
	calls map[string]int
}

func (s settleMigrator) Migrate(f *File) {
	s.calls[f.Path]++
	f.Insert(0, "// migrated\n")
	if bytes.Contains(f.Src, []byte("NEEDS")) {
		f.Todo(0, "by hand")
	}
	if bytes.Contains(f.Src, []byte("CALLS")) {
		f.DependOnSettle()
	}
}

func (s settleMigrator) Settle(p *Project, moves func(string) bool) ([]string, []*ProjectChange) {
	src, _ := os.ReadFile(filepath.Join(p.Root, "lib/h.ts"))
	var routes, redo []string
	for _, r := range []string{"pages/api/a.ts", "pages/api/b.ts", "pages/api/c.ts"} {
		if moves(r) {
			routes = append(routes, r)
			redo = append(redo, r)
		}
	}
	return redo, []*ProjectChange{{Path: "lib/h.ts", Kind: KindHelper, Src: src, Routes: routes,
		Names: []ChangedName{{Name: "okResponse", Beside: "ok", What: "returns a Response", Routes: routes}}, Edit: s.edit}}
}

func TestProjectChange(t *testing.T) {
	files := map[string]string{
		"pages/api/a.ts": "// CALLS\nexport default function h(req, res) {}\n",
		"pages/api/b.ts": "// CALLS NEEDS\nexport default function h(req, res) {}\n",
		"pages/api/c.ts": "export default function h(req, res) {}\n",
		"lib/h.ts":       "export function ok(res, x) { res.json(x) }\n",
	}
	add := func(f *File) { f.Insert(len(f.Src), "export function okResponse(x) { return Response.json(x) }\n") }
	broken := func(f *File) { f.Insert(len(f.Src), "export function (\n") }
	tests := []struct {
		name      string
		edit      func(*File)
		write     bool
		want      map[string]string // path => status, kept marked with a +
		helper    string            // lib/h.ts after the run
		migrateA  int               // migrations of a: the first, and one per redo
		listedFor string            // the text report names the routes
	}{
		{"written", add, true, map[string]string{"pages/api/a.ts": "migrated", "pages/api/b.ts": "needs-review+", "pages/api/c.ts": "migrated", "lib/h.ts": "migrated"},
			files["lib/h.ts"] + "export function okResponse(x) { return Response.json(x) }\n", 2, "okResponse (added beside ok, which files that stay still call): returns a Response, for pages/api/a.ts, pages/api/c.ts"},
		{"dry run", add, false, map[string]string{"pages/api/a.ts": "migrated", "pages/api/b.ts": "needs-review+", "pages/api/c.ts": "migrated", "lib/h.ts": "migrated"},
			files["lib/h.ts"], 2, ""},
		// the change does not parse: not written, and a (which depends on it) stays
		{"held", broken, true, map[string]string{"pages/api/a.ts": "skipped", "pages/api/b.ts": "needs-review+", "pages/api/c.ts": "migrated", "lib/h.ts": "error"},
			files["lib/h.ts"], 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for p, s := range files {
				os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
				os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644)
			}
			m := settleMigrator{edit: tt.edit, calls: map[string]int{}}
			var out, errOut bytes.Buffer
			Run(Options{Paths: []string{dir}, Write: tt.write, Force: true, JSON: true, Jobs: 2, Migrator: m, Stdout: &out, Stderr: &errOut})
			var rep struct {
				Files []struct {
					Path, Status, Kind, Diff string
					Kept                     bool
					Notes                    []string
				}
			}
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
				t.Fatalf("%v\n%s\n%s", err, out.String(), errOut.String())
			}
			got := map[string]string{}
			for _, f := range rep.Files {
				s := f.Status
				if f.Kept {
					s += "+"
				}
				got[f.Path] = s
				if f.Path == "lib/h.ts" && f.Status == "migrated" {
					if f.Kind != "helper" {
						t.Errorf("lib/h.ts kind %q, want helper", f.Kind)
					}
					if tt.listedFor != "" && !slices.Contains(f.Notes, tt.listedFor) {
						t.Errorf("lib/h.ts notes %q, want %q", f.Notes, tt.listedFor)
					}
					if !tt.write && !strings.Contains(f.Diff, "+export function okResponse") {
						t.Errorf("dry run diff of lib/h.ts:\n%s", f.Diff)
					}
				}
			}
			for p, w := range tt.want {
				if got[p] != w {
					t.Errorf("%s: %q, want %q", p, got[p], w)
				}
			}
			if b, _ := os.ReadFile(filepath.Join(dir, "lib/h.ts")); string(b) != tt.helper {
				t.Errorf("lib/h.ts:\n%s\nwant:\n%s", b, tt.helper)
			}
			if m.calls["pages/api/a.ts"] != tt.migrateA {
				t.Errorf("a migrated %d times, want %d", m.calls["pages/api/a.ts"], tt.migrateA)
			}
		})
	}
}
