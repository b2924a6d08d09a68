package transforms

import (
	"path"
	"strings"
)

// rewritePaths re-points relative module specifiers from the file's new
// folder, keeping their spelling (extensionless stays extensionless).
//
//	import db from "../../lib/db"   (pages/api/users/[id].ts) => "../../../../lib/db" (app/api/users/[id]/route.ts)
//	export * from "./x", import("./x"), require("./x"), jest.mock("./x") => likewise
func rewritePaths(m *migration) {
	f := m.f
	if f.NewPath == "" {
		return
	}
	oldDir, newDir := path.Dir(f.Path), path.Dir(f.NewPath)
	f.Root.Walk(func(n *Node) bool {
		if n.Kind != "string" {
			return true
		}
		if !m.isModuleSpecifier(n) {
			return false
		}
		spec, ok := stringValue(m.src, n)
		if !ok || !(strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../")) {
			return false
		}
		target := path.Join(oldDir, spec)
		if moved := m.movedRoute(target); moved != "" {
			// import "./_shared" (another file under pages/api) => still points at pages/api, with a TODO
			// Whether that file moves is decided when routemod processes it
			// (a helper with no default export stays), so it is not re-pointed.
			f.Todo(enclosingStatement(n).Start, "%s is another file under pages/api (%s): this import still points at its old place; if routemod moved it (a route; helpers stay), import shared code from a module outside pages/api and app route files", spec, moved)
		}
		rel := relPath(newDir, target)
		if strings.HasSuffix(spec, "/") && !strings.HasSuffix(rel, "/") {
			rel += "/"
		}
		if rel != spec {
			q := m.text(n)[:1]
			f.ReplaceNode(n, q+rel+q)
		}
		return false
	})
}

// isModuleSpecifier reports whether a string literal names a module.
func (m *migration) isModuleSpecifier(n *Node) bool {
	p := n.Parent
	if p == nil {
		return false
	}
	switch p.Kind {
	case "import_statement", "export_statement":
		return n.Field == "source"
	case "arguments":
		call := p.Parent
		if call == nil || call.Kind != "call_expression" || len(p.NamedChildren()) == 0 || p.NamedChildren()[0] != n {
			return false
		}
		switch m.text(call.ChildByField("function")) {
		case "require", "import", "require.resolve", "jest.mock", "jest.requireActual", "vi.mock", "vi.importActual":
			return true
		}
	}
	return false
}

// movedRoute returns the new path (spelled like the old specifier) when a
// specifier resolves to another route file that moves in this run.
func (m *migration) movedRoute(target string) string {
	moves := m.f.Project.Moves
	ext := path.Ext(target)
	if _, ok := moves[target]; ok {
		return moves[target]
	}
	for _, e := range []string{".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"} {
		if to, ok := moves[target+e]; ok {
			return strings.TrimSuffix(to, path.Ext(to))
		}
		if to, ok := moves[target+"/index"+e]; ok {
			return strings.TrimSuffix(to, path.Ext(to))
		}
	}
	_ = ext
	return ""
}

// relPath returns a "./"- or "../"-prefixed relative path from dir to target.
func relPath(dir, target string) string {
	from := strings.Split(path.Clean(dir), "/")
	to := strings.Split(path.Clean(target), "/")
	i := 0
	for i < len(from) && i < len(to) && from[i] == to[i] {
		i++
	}
	var parts []string
	for range from[i:] {
		parts = append(parts, "..")
	}
	parts = append(parts, to[i:]...)
	rel := strings.Join(parts, "/")
	if !strings.HasPrefix(rel, "../") {
		rel = "./" + rel
	}
	return rel
}
