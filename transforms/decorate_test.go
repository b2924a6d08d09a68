package transforms

import (
	"strings"
	"testing"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/project"
)

// TestDecorationRefused: a wrapper that sets on the request what routemod
// cannot hand on with the same meaning is left as it is, with the reason.
func TestDecorationRefused(t *testing.T) {
	for _, tt := range []struct{ name, file, src, why string }{
		{"set in a branch", "lib/t.js",
			"export function w(handler) {\n  return async (req, res) => {\n    const u = await load(req.headers.authorization);\n    if (u) req.user = u;\n    return handler(req, res);\n  };\n}\n",
			"it sets req.user where routemod cannot see it reach the handler"},
		{"set after the call", "lib/t.js",
			"export function w(handler) {\n  return async (req, res) => {\n    const p = handler(req, res);\n    req.user = null;\n    return p;\n  };\n}\n",
			"it sets req.user where routemod cannot see it reach the handler"},
		{"set twice", "lib/t.js",
			"export function w(handler) {\n  return async (req, res) => {\n    req.user = 1;\n    req.user = 2;\n    return handler(req, res);\n  };\n}\n",
			"it sets req.user twice"},
		{"a spread copied onto it", "lib/t.js",
			"export function w(handler) {\n  return async (req, res) => {\n    const extra = { a: 1 };\n    Object.assign(req, { ...extra });\n    return handler(req, res);\n  };\n}\n",
			"it copies onto req what routemod cannot name"},
		{"a value copied onto it", "lib/t.js",
			"export function w(handler) {\n  return async (req, res) => {\n    Object.assign(req, { user: await load() });\n    return handler(req, res);\n  };\n}\n",
			"it copies onto req values routemod cannot read again where it calls the handler"},
		{"a request member copied onto it", "lib/t.js",
			"export function w(handler) {\n  return async (req, res) => {\n    const body = {};\n    Object.assign(req, { body });\n    return handler(req, res);\n  };\n}\n",
			"it sets req.body, which the route handler reads from its NextRequest"},
		{"no type to name in TypeScript", "lib/t.ts",
			"export function w(handler: any) {\n  return async (req, res) => {\n    const user = 1;\n    Object.assign(req, { user });\n    return handler(req, res);\n  };\n}\n",
			"routemod cannot name the type of req.user, which it hands on"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := codemod.NewParser()
			defer p.Close()
			src := []byte(tt.src)
			tsx := strings.HasSuffix(tt.file, ".js")
			root, err := p.Parse(src, tsx)
			if err != nil {
				t.Fatal(err)
			}
			w := &wrapper{file: tt.file, name: "w", handler: noArg, methods: noArg}
			w.read(src, root)
			why := w.why
			if len(w.decorates) > 0 {
				why = w.trial(p, project.FromMoves(nil), src, root, tsx)
			}
			if !strings.HasPrefix(why, tt.why) {
				t.Errorf("why = %q, want %q...", why, tt.why)
			}
		})
	}
}

// TestGuardDecoration: what a guard helper sets on the request, and why
// routemod cannot hand it on.
func TestGuardDecoration(t *testing.T) {
	const head = "export async function useAuth(req, res) {\n  if (!req.headers.authorization) {\n    res.status(401).end();\n    return false;\n  }\n"
	for _, tt := range []struct{ name, body, prop, why string }{
		{"one property, then true", "  req.auth = { token: req.headers.authorization };\n  return true;\n}\n", "auth", ""},
		{"the value it set", "  const auth = { token: 1 };\n  Object.assign(req, { auth });\n  return auth;\n}\n", "auth", ""},
		{"nothing set", "  return true;\n}\n", "", ""},
		{"two properties", "  req.auth = 1;\n  req.role = 2;\n  return true;\n}\n", "", "it sets more than one property on req (auth, role)"},
		{"in a block", "  if (req.query.x) {\n    req.auth = 1;\n  }\n  return true;\n}\n", "", "it sets req.auth inside a block"},
		{"another value after it", "  req.auth = 1;\n  return { ok: true };\n}\n", "", "it returns something else than true after it sets req.auth"},
		{"true before it", "  if (req.query.skip) return true;\n  req.auth = 1;\n  return true;\n}\n", "", "it returns something else than true after it sets req.auth"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := codemod.NewParser()
			defer p.Close()
			src := []byte(head + tt.body)
			root, err := p.Parse(src, true)
			if err != nil {
				t.Fatal(err)
			}
			m := newMigration(&codemod.File{Path: "lib/auth.js", Src: src, Root: root, Style: codemod.DetectStyle(src), NextMajor: 16})
			_, fn := m.topLevelFunction("useAuth")
			d, why := m.guardDecoration(&handler{fn: fn, body: fn.ChildByField("body"), req: "req", res: "res"})
			prop := ""
			if d != nil {
				prop = d.prop
			}
			if prop != tt.prop || !strings.HasPrefix(why, tt.why) || tt.why == "" && why != "" {
				t.Errorf("got %q, %q; want %q, %q", prop, why, tt.prop, tt.why)
			}
		})
	}
}
