package transforms

import (
	"path"
	"regexp"
	"strings"

	"github.com/routemod/routemod/project"
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
		switch n.Kind {
		case "comment":
			m.repointJSDocImports(n, oldDir, newDir)
			return false
		case "new_expression", "call_expression", "identifier", "member_expression":
			return m.fileRelative(n, oldDir, newDir)
		}
		if n.Kind != "string" {
			return true
		}
		if !m.isModuleSpecifier(n) {
			return false
		}
		spec, ok := stringValue(m.src, n)
		if !ok {
			return false
		}
		relative := strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../")
		if m.toAuthSplit(n, spec) || m.toMovedRoute(n, spec) {
			return false
		}
		if file, _ := m.ix.Resolve(f.Path, spec); file != f.Path {
			// import { LIMIT } from "./_shared" (no default export: it stays) => re-pointed, no TODO
			if moved, ok := m.ix.Move(file); ok && !m.stays(file) {
				// import "./_shared" (another file under pages/api) => points at it in pages/api, with a TODO
				// import x from "@/pages/api/other" (a tsconfig alias or baseUrl path) => likewise
				// Whether that file moves is decided when routemod processes it
				// (a helper with no default export, a skipped route and a route
				// left for review stay), so it is not re-pointed to its new place.
				f.Todo(enclosingStatement(n).Start, "%s is another file under pages/api: this import points at it where it is now; if routemod moves it in this run too (to %s: a route it migrates), this import no longer resolves: import shared code from a module outside pages/api and app route files", spec, moved)
			}
		}
		if !relative {
			return false
		}
		target := path.Join(oldDir, spec)
		rel := project.RelSpec(newDir, target)
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

// jsdocImport matches a relative import() type in a comment.
var jsdocImport = regexp.MustCompile(`\bimport\(\s*(["'])(\.\.?/[^"'\n]*)["']\s*\)`)

// repointJSDocImports re-points the relative import() types of a JSDoc
// comment, as checkJs and editors resolve them from the file's folder (a
// JavaScript comment that names a pages-router type is rewriteJSDoc's, which
// re-points it too):
//
//	/** @typedef {import("../../types/poll").Receipt} Receipt */ => import("../../../types/poll")
func (m *migration) repointJSDocImports(n *Node, oldDir, newDir string) {
	text := m.text(n)
	if !m.f.TypeScript && m.h != nil && strings.Contains(text, "NextApi") {
		return
	}
	if s := m.repointedJSDoc(text, oldDir, newDir); s != text {
		m.f.ReplaceNode(n, s)
	}
}

// repointedJSDoc is a JSDoc comment with its relative import() types
// re-pointed from oldDir to newDir.
func (m *migration) repointedJSDoc(text, oldDir, newDir string) string {
	if !strings.HasPrefix(text, "/**") {
		return text
	}
	var out strings.Builder
	last := 0
	for _, loc := range jsdocImport.FindAllStringSubmatchIndex(text, -1) {
		spec := text[loc[4]:loc[5]]
		rel := project.RelSpec(newDir, path.Join(oldDir, spec))
		if strings.HasSuffix(spec, "/") && !strings.HasSuffix(rel, "/") {
			rel += "/"
		}
		if to := m.movedRouteSpec(spec); to != "" {
			rel = to // import("./index").Product (a route that moves too) => import("../route").Product
		}
		out.WriteString(text[last:loc[4]])
		out.WriteString(rel)
		last = loc[5]
	}
	out.WriteString(text[last:])
	return out.String()
}

// fileRelative re-points a static path read relative to the file itself and
// marks one computed at run time (the route moves one folder deeper or more):
//
//	new URL("../../public/font.ttf", import.meta.url) => new URL("../../../public/font.ttf", import.meta.url)
//	new URL(`../../public/fonts/${f}.ttf`, import.meta.url), import(`../../locales/${l}`) => the folder before ${...} likewise (see repointPrefix)
//	new URL(name, import.meta.url), import(`./${name}`), require(name) => TODO(routemod)
//	__dirname, __filename, import.meta.url elsewhere => TODO(routemod)
//
// It returns whether the walk goes on into n.
func (m *migration) fileRelative(n *Node, oldDir, newDir string) bool {
	switch n.Kind {
	case "new_expression":
		args := callArgs(n)
		if m.text(n.ChildByField("constructor")) != "URL" || len(args) != 2 || m.text(args[1]) != "import.meta.url" {
			return true
		}
		spec, ok := stringValue(m.src, args[0])
		switch {
		case !ok && m.repointPrefix(args[0], oldDir, newDir):
		case !ok:
			m.f.Todo(enclosingStatement(n).Start, "new URL(%s, import.meta.url) is a path relative to this file, computed at run time: the file moves from %s to %s, so re-point it by hand", m.text(args[0]), oldDir, newDir)
		case strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../"):
			if rel := project.RelSpec(newDir, path.Join(oldDir, spec)); rel != spec {
				q := m.text(args[0])[:1]
				m.f.ReplaceNode(args[0], q+rel+q)
			}
		}
		return false
	case "call_expression":
		args := callArgs(n)
		switch m.text(n.ChildByField("function")) {
		case "import", "require", "require.resolve":
		default:
			return true
		}
		if len(args) == 0 || args[0].Kind == "string" {
			return true
		}
		if a := args[0]; a.Kind == "template_string" || a.Kind == "binary_expression" {
			if t := strings.TrimLeft(m.text(a), "`'\""); (strings.HasPrefix(t, "./") || strings.HasPrefix(t, "../")) && !m.repointPrefix(a, oldDir, newDir) {
				m.f.Todo(enclosingStatement(n).Start, "%s loads a module path relative to this file computed at run time: the file moves from %s to %s, so re-point it by hand", m.text(n.ChildByField("function")), oldDir, newDir)
			}
		}
		return true
	case "identifier":
		if name := m.text(n); (name == "__dirname" || name == "__filename") && !m.bound(name) {
			m.f.Todo(enclosingStatement(n).Start, "%s is this file's folder once built (under .next/server), which changes with the move to %s: build paths from process.cwd() (the project root) instead", name, newDir)
		}
		return false
	case "member_expression":
		if m.text(n) != "import.meta.url" {
			return true
		}
		if p := n.Parent; p != nil && p.Kind == "arguments" && p.Parent != nil && p.Parent.Kind == "new_expression" {
			return false // new URL(x, import.meta.url): above
		}
		m.f.Todo(enclosingStatement(n).Start, "import.meta.url is this file's own URL, which changes with the move to %s: check the paths built from it", newDir)
		return false
	}
	return true
}

// bound reports whether the file declares name itself.
func (m *migration) bound(name string) bool {
	found := false
	m.f.Root.Walk(func(n *Node) bool {
		if n.Kind == "variable_declarator" && bindsName(m, n.ChildByField("name"), name) {
			found = true
		}
		return !found
	})
	return found
}

// toAuthSplit re-points an import of names that a [...nextauth] route's
// migration moves to a module of its own (nextAuthSplit) to that module,
// and makes this route's move wait for that route's.
//
//	import { authOptions } from "./auth/[...nextauth]" => "../auth/[...nextauth]/auth-options"
func (m *migration) toAuthSplit(n *Node, spec string) bool {
	st := n.Parent
	if st == nil || st.Kind != "import_statement" {
		return false
	}
	file, _ := m.ix.Resolve(m.f.Path, spec)
	if file == "" || file == m.f.Path {
		return false
	}
	sp, ok := nextAuthSplit(m.ix, file)
	if !ok {
		return false
	}
	names, ok := namedImports(m.src, st)
	if !ok || !sp.covers(names) {
		return false
	}
	to := m.splitSpec(spec, sp.module)
	q := m.text(n)[:1]
	m.f.ReplaceNode(n, q+to+q)
	m.f.Needs(file)
	m.f.Note("%s imports %s from %s, which moves to %s with that route: re-pointed (this route moves only if that one does)", spec, strings.Join(names, ", "), file, sp.module)
	return true
}

// toMovedRoute re-points a type-only import of another route that moves in
// this run to the route file it moves to, and makes this route's move wait
// for that route's (they move together: each stays if the other does). A
// type import is erased; a route.ts may export types; a value import would
// make it export what is not a handler, and keeps its TODO.
//
//	import type { Product } from "./index" (pages/api/products/[sku].ts) => "../route" (app/api/products/[sku]/route.ts)
func (m *migration) toMovedRoute(n *Node, spec string) bool {
	st := n.Parent
	if st == nil || st.Kind != "import_statement" || m.f.NewPath == "" {
		return false
	}
	if !m.typeOnlyImport(n) {
		return false
	}
	to := m.movedRouteSpec(spec)
	if to == "" {
		return false
	}
	q := m.text(n)[:1]
	m.f.ReplaceNode(n, q+to+q)
	return true
}

// movedRouteSpec spells, for a type import of spec, the route file spec's
// route moves to in this run, "" when spec names no route that moves (or
// this file does not move). This route then moves only with that one.
func (m *migration) movedRouteSpec(spec string) string {
	if m.f.NewPath == "" || m.ix == nil {
		return ""
	}
	file, _ := m.ix.Resolve(m.f.Path, spec)
	if file == "" || file == m.f.Path {
		return ""
	}
	moved, ok := m.ix.Move(file)
	if !ok || m.stays(file) {
		return ""
	}
	m.f.Needs(file)
	m.f.Note("%s: only types are imported from %s, which moves to %s in this run: re-pointed (the two routes move together, or both stay)", spec, file, moved)
	return m.splitSpec(spec, moved)
}

// typeOnlyImport reports whether the import statement whose source is the
// string n takes types alone: import type { A }, or import { type A, type B }.
func (m *migration) typeOnlyImport(n *Node) bool {
	for _, imp := range m.module().Imports {
		if imp.Start != n.Start+1 || imp.Kind != project.Static {
			continue
		}
		if imp.Type {
			return true
		}
		if imp.Default != "" || imp.Namespace != "" || len(imp.Names) == 0 {
			return false
		}
		for _, nm := range imp.Names {
			if !nm.Type {
				return false
			}
		}
		return true
	}
	return false
}

// splitSpec spells module for this file, written as spec was: relative
// from the file's new folder, else in spec's alias or baseUrl style.
func (m *migration) splitSpec(spec, module string) string {
	if strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") {
		dir := path.Dir(m.f.Path)
		if m.f.NewPath != "" {
			dir = path.Dir(m.f.NewPath)
		}
		s := project.RelSpec(dir, module)
		if path.Ext(spec) == "" || !strings.HasSuffix(spec, path.Ext(module)) {
			s = strings.TrimSuffix(s, path.Ext(s))
		}
		return s
	}
	return m.ix.Respell(m.f.Path, spec, module)
}

// repointPrefix re-points the static folder a computed path relative to the
// file starts with, and reports whether it did (false: the caller marks it).
// Paths resolve lexically, so a folder that names the same place from the
// new file gives the same path whatever follows it:
//
//	`../../public/fonts/${name}.ttf` (pages/api/og/x.ts) => `../../../../public/fonts/${name}.ttf` (app/api/og/x/route.ts)
//	"../../locales/" + lang                            => "../../../../locales/" + lang
//	`./${name}`, `../../${name}` (a folder that holds routes, which move) => false
//	`${base}/x`, `../${dir}/x` with no folder before the first ${ ...     => false
func (m *migration) repointPrefix(a *Node, oldDir, newDir string) bool {
	lit := a // the literal the path starts in
	for lit.Kind == "binary_expression" && m.text(lit.ChildByField("operator")) == "+" {
		lit = lit.ChildByField("left")
	}
	start := lit.Start + 1 // after the quote or backtick
	var head string        // the static text the path starts with
	switch lit.Kind {
	case "string":
		head = m.text(lit)[1 : lit.End-lit.Start-1]
	case "template_string":
		end := lit.End - 1
		for _, c := range lit.NamedChildren() {
			if c.Kind == "template_substitution" {
				end = c.Start
				break
			}
		}
		head = string(m.src[start:end])
	default:
		return false
	}
	slash := strings.LastIndex(head, "/")
	if slash < 0 || strings.Contains(head, "\\") || !(strings.HasPrefix(head, "./") || strings.HasPrefix(head, "../")) {
		return false
	}
	dir := path.Join(oldDir, head[:slash])
	if routes := routesRoot(m.f.Path); routes != "" && (within(dir, routes) || within(routes, dir)) {
		return false // the folder holds routes, or is above them: what follows may name one that moves
	}
	rel := project.RelSpec(newDir, dir+"/x")
	rel = strings.TrimSuffix(rel, "x")
	if rel != head[:slash+1] {
		m.f.Replace(start, start+slash+1, rel)
	}
	return true
}

// routesRoot is the pages/api folder of a route's path ("" when none).
func routesRoot(p string) string {
	if strings.HasPrefix(p, "pages/api/") {
		return "pages/api"
	}
	if i := strings.Index(p, "/pages/api/"); i >= 0 {
		return p[:i] + "/pages/api"
	}
	return ""
}

// within reports whether the folder dir is folder root or inside it.
func within(dir, root string) bool {
	return root == "." || dir == root || strings.HasPrefix(dir, root+"/")
}
