package codemod

import "testing"

// TestImported finds the route files other files import: static, export
// from, dynamic and require forms, with and without extension or index,
// and gives up on an alias that may name a route.
func TestImported(t *testing.T) {
	for _, tt := range []struct {
		name     string
		files    map[string]string
		imported []string // routes that must be imported
		known    bool
	}{
		{"none", map[string]string{"lib/a.ts": `import x from "./b";`}, nil, true},
		{"static and export from", map[string]string{
			"lib/a.ts": "import { A } from '../pages/api/a';\nexport { B } from \"../pages/api/b.ts\";",
		}, []string{"pages/api/a.ts", "pages/api/b.ts"}, true},
		{"dynamic, require, index", map[string]string{
			"lib/a.js":           `const m = await import("../pages/api/c"); const n = require("../pages/api/d");`,
			"pages/api/e/own.ts": `import { x } from "./index";`,
		}, []string{"pages/api/c.ts", "pages/api/d.ts", "pages/api/e/index.ts"}, true},
		{"mocked in a test", map[string]string{"test/a.test.ts": `vi.mock("../pages/api/a");`}, []string{"pages/api/a.ts"}, true},
		{"alias", map[string]string{"lib/a.ts": `import { A } from "@/pages/api/a";`}, nil, false},
		{"node_modules skipped", map[string]string{"node_modules/x/i.js": `import "../../pages/api/a";`}, nil, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			routes := []string{"pages/api/a.ts", "pages/api/b.ts", "pages/api/c.ts", "pages/api/d.ts", "pages/api/e/index.ts", "pages/api/e/own.ts"}
			files := map[string]string{}
			for _, r := range routes {
				files[r] = "export default function h(req, res) {}\n"
			}
			for p, s := range tt.files {
				files[p] = s
			}
			p := &Project{Root: root, Moves: map[string]string{}}
			diffTestWriteTree(t, root, files)
			for _, r := range routes {
				tgt, err := PlanTarget(r)
				if err != nil {
					t.Fatal(err)
				}
				p.Moves[r] = tgt
			}
			want := map[string]bool{}
			for _, r := range tt.imported {
				want[r] = true
			}
			for _, r := range routes {
				got, known := p.Imported(r)
				if known != tt.known || got != want[r] {
					t.Errorf("Imported(%s) = %v, %v; want %v, %v", r, got, known, want[r], tt.known)
				}
			}
		})
	}
}
