package project

import (
	"iter"
	"maps"
	"slices"
	"testing"

	"github.com/routemod/routemod/codemod"
)

// build indexes files (slash path => text) as a project whose routes are
// every pages/api file.
func build(t *testing.T, files map[string]string) *Index {
	t.Helper()
	moves := map[string]string{}
	for p := range files {
		if codemod.IsRouteFile(p) {
			tgt, err := codemod.PlanTarget(p)
			if err != nil {
				t.Fatal(err)
			}
			moves[p] = tgt
		}
	}
	var seq iter.Seq[codemod.Source] = func(yield func(codemod.Source) bool) {
		for _, p := range slices.Sorted(maps.Keys(files)) {
			if !yield(codemod.Source{Path: p, Src: []byte(files[p])}) {
				return
			}
		}
	}
	return Build(seq, moves)
}

const handler = "export default function h(req, res) {}\n"

// TestImported finds the routes other files import, whichever way they
// spell the path, and gives up only on an alias it cannot resolve.
func TestImported(t *testing.T) {
	routes := []string{"pages/api/a.ts", "pages/api/b.ts", "pages/api/c.ts", "pages/api/d.ts", "pages/api/e/index.ts", "pages/api/e/own.ts"}
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
		{"paths alias", map[string]string{
			"tsconfig.json": `{"compilerOptions": {"paths": {"@/*": ["./*"]}}}`,
			"lib/a.ts":      `import type { A } from "@/pages/api/a";`,
		}, []string{"pages/api/a.ts"}, true},
		{"baseUrl", map[string]string{
			"tsconfig.json":        `{"compilerOptions": {"baseUrl": "."}}`,
			"components/Form.tsx":  `import { Body } from "pages/api/b";`,
			"pages/api/e/index.ts": `import type { C } from "pages/api/c"` + "\n" + handler,
		}, []string{"pages/api/b.ts", "pages/api/c.ts"}, true},
		{"alias without a config", map[string]string{"lib/a.ts": `import { A } from "@/pages/api/a";`}, nil, false},
		{"a package is not a route", map[string]string{"lib/a.ts": `import { A } from "some-lib/api/a";`}, nil, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for _, r := range routes {
				files[r] = handler
			}
			maps.Copy(files, tt.files)
			ix := build(t, files)
			for _, r := range routes {
				got, known := ix.Imported(r)
				want := slices.Contains(tt.imported, r)
				if known != tt.known || got != want && tt.known {
					t.Errorf("Imported(%s) = %v, %v; want %v, %v", r, got, known, want, tt.known)
				}
			}
		})
	}
	if _, known := FromMoves(map[string]string{"pages/api/a.ts": "app/api/a/route.ts"}).Imported("pages/api/a.ts"); known {
		t.Error("an index of routes only cannot know who imports them")
	}
}

// TestImporters lists who imports a file and respells each specifier for
// the moved file.
func TestImporters(t *testing.T) {
	ix := build(t, map[string]string{
		"tsconfig.json":         `{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["./*"]}}}`,
		"pages/api/send.ts":     handler + "export type Body = { to: string }\n",
		"lib/mail.ts":           `import type { Body } from "@/pages/api/send"`,
		"components/Form.tsx":   `import { Body } from "pages/api/send"`,
		"pages/api/other.ts":    `import type { Body } from "./send"` + "\n" + handler,
		"pages/api/self.ts":     `import x from "./self"`,
		"node/not-an-import.ts": `const s = "@/pages/api/send"`,
	})
	got := ix.Importers("pages/api/send.ts")
	want := []string{"components/Form.tsx", "lib/mail.ts", "pages/api/other.ts"}
	if !slices.Equal(got, want) {
		t.Errorf("Importers = %v, want %v", got, want)
	}
	if len(ix.Importers("pages/api/self.ts")) != 0 {
		t.Error("a file does not import itself")
	}
	for _, tt := range []struct{ from, spec, want string }{
		{"lib/mail.ts", "@/pages/api/send", "@/app/api/send/route"},
		{"components/Form.tsx", "pages/api/send", "app/api/send/route"},
		{"pages/api/other.ts", "./send", "../../app/api/send/route"},
	} {
		if got := ix.Respell(tt.from, tt.spec, "app/api/send/route.ts"); got != tt.want {
			t.Errorf("Respell(%s, %s) = %q, want %q", tt.from, tt.spec, got, tt.want)
		}
	}
}

// TestDefinition follows re-exports and imports to the defining module.
func TestDefinition(t *testing.T) {
	a := `import { fail, ok as send } from "@/lib"; import withAuth from "../../lib/http"` + "\n" + handler
	ix := build(t, map[string]string{
		"tsconfig.json":  `{"compilerOptions": {"paths": {"@/*": ["./*"]}}}`,
		"lib/http.ts":    "export function sendError(res, code, msg) {}\nexport const ok = (res, data) => res.json(data)\nexport default function withAuth(h) { return h }",
		"lib/index.ts":   `export { sendError as fail, default as withAuth } from "./http"; export * from "./http"`,
		"pages/api/a.ts": a,
		"lib/wrap.ts":    `import { withAuth } from "./index"; export default withAuth(handler)`,
	})
	for _, tt := range []struct{ file, name, want string }{
		{"lib/index.ts", "fail", "lib/http.ts sendError"},
		{"lib/index.ts", "ok", "lib/http.ts ok"},
		{"lib/index.ts", "withAuth", "lib/http.ts withAuth"},
		{"lib/http.ts", "default", "lib/http.ts withAuth"},
		{"lib/index.ts", "missing", "  false"},
	} {
		f, l, ok := ix.Definition(tt.file, tt.name)
		got := f + " " + l
		if !ok {
			got = "  false"
		}
		if got != tt.want {
			t.Errorf("Definition(%s, %s) = %q, want %q", tt.file, tt.name, got, tt.want)
		}
	}
	for _, tt := range []struct{ local, want string }{
		{"fail", "lib/index.ts fail"},
		{"send", "lib/index.ts ok"},
		{"withAuth", "lib/http.ts default"},
	} {
		f, n, _ := ix.bindingIn("pages/api/a.ts", Scan([]byte(a)), tt.local)
		if got := f + " " + n; got != tt.want {
			t.Errorf("bindingIn(%s) = %q, want %q", tt.local, got, tt.want)
		}
	}
	if !ix.Defines("lib/http.ts", "ok") || !ix.Defines("lib/http.ts", "withAuth") || ix.Defines("lib/index.ts", "ok") {
		t.Error("Defines: want ok and withAuth in lib/http.ts only")
	}
	if m := ix.Module("lib/wrap.ts"); m == nil || m.Exports[0].Call != "withAuth" {
		t.Errorf("lib/wrap.ts: want a default export wrapped in withAuth, got %+v", m)
	}
}

// TestStays tells the routes a migration certainly leaves in place.
func TestStays(t *testing.T) {
	for _, tt := range []struct {
		src   string
		stays bool
	}{
		{handler, false},
		{"export const shared = 1;\n", true},
		{"import { withAuth } from '../../lib/auth';\nexport default withAuth(function h(req, res) {});\n", true},
		{"module.exports = withAuth(h);\n", true},
		{"const h = (req, res) => {};\nexport default h;\n", false},
		{"module.exports = function (req, res) {};\n", false},
	} {
		ix := build(t, map[string]string{"pages/api/a.ts": tt.src})
		if got := ix.Stays("pages/api/a.ts"); got != tt.stays {
			t.Errorf("Stays(%q) = %v, want %v", tt.src, got, tt.stays)
		}
	}
	// next-auth's catch-all route migrates (the library table knows NextAuth(...))
	auth := "pages/api/auth/[...nextauth].ts"
	if build(t, map[string]string{auth: "import NextAuth from 'next-auth';\nexport default NextAuth(authOptions);\n"}).Stays(auth) {
		t.Errorf("Stays(%s) = true, want false", auth)
	}
	if FromMoves(map[string]string{"pages/api/a.ts": "app/api/a/route.ts"}).Stays("pages/api/a.ts") {
		t.Error("an index that did not read the route cannot say it stays")
	}
}
