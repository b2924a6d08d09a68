package transforms

import (
	"fmt"
	"path"
	"strings"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/libraries"
	"github.com/routemod/routemod/project"
)

// nextAuthRoute migrates next-auth's catch-all route, whose default export
// is not a handler function but the one NextAuth returns (it serves both
// routers from next-auth 4.22.1 on), and reports whether it dealt with the
// file. Only the exact shape in a [...nextauth] file is known; otherwise
// the handler transform skips the file as wrapped, as before. Below the
// row's version the file is skipped with the version needed (next-auth
// keeps working from pages/api).
//
//	export default NextAuth(authOptions) => const handler = NextAuth(authOptions); export { handler as GET, handler as POST }
//
// The rest of the file goes through the rules that apply to it: its
// relative imports are re-pointed, its config becomes segment config, and
// its other exports (an exported authOptions) become module-local when no
// file imports the route, else they move to a module of their own beside
// the new route.ts (nextauthsplit.go), where the files importing them are
// re-pointed.
func (m *migration) nextAuthRoute(mg *Migrator) bool {
	base := path.Base(m.f.Path)
	if strings.TrimSuffix(base, path.Ext(base)) != "[...nextauth]" {
		return false
	}
	var st, call *Node
	for _, c := range m.f.Root.Children {
		if c.Kind == "export_statement" && c.ChildOfKind("default") != nil {
			st, call = c, c.ChildByField("value")
		}
	}
	if call == nil || call.Kind != "call_expression" {
		return false
	}
	callee := call.ChildByField("function")
	args := callArgs(call)
	if callee == nil || callee.Kind != "identifier" || len(args) != 1 || args[0].Kind == "spread_element" {
		return false
	}
	row, ok := libraryImports(m.module())[m.text(callee)]
	if !ok || row.Name != "default" {
		return false
	}
	in := m.ix.Installed(row.Package)
	if ok, why := row.Supports(in.Version, in.From, m.f.NextMajor); !ok {
		m.f.Skip("export default %s becomes a route handler (const handler = %s; export { handler as GET, handler as POST }) only with a newer next-auth: it %s; upgrade %s, then run routemod again (the route keeps working from pages/api)", m.text(call), m.text(call), why, row.Package)
		return true
	}
	m.h = &handler{start: st.Start, end: st.End}
	name := m.name("handler", "handler", "authHandler")
	semi := m.semi()
	m.f.Replace(st.Start, st.End, "const "+name+" = "+m.text(call)+semi+m.f.Style.EOL+"export { "+name+" as GET, "+name+" as POST }"+semi)
	sp, split := nextAuthSplit(m.ix, m.f.Path)
	if !split {
		m.markOtherExports()
	}
	m.runFileTransforms(mg)
	if split && (args[0].Kind != "identifier" || !m.splitNextAuth(sp, st, m.text(args[0]))) {
		// The files importing its options were pointed at sp.module: the
		// route must not move without it.
		m.f.Skip("its exports other than the handler (%s) must leave the route (a route.ts may only export handlers and segment config), and routemod moves them to a module of their own only from a file of imports, declarations, segment config and export default NextAuth(options); move them by hand (e.g. to lib/auth), then run routemod again (the route keeps working from pages/api)", strings.Join(sp.names, ", "))
		return true
	}
	m.f.Note("next-auth's catch-all route: NextAuth(...) serves GET and POST of the route handler itself")
	return true
}

// libGetSession rewrites next-auth's client getSession called on the
// server with the handler's request, which on a NextRequest silently
// finds no cookie and returns null, into the in-process read, with the
// options the project's [...nextauth] route passes to NextAuth, imported
// from the module that defines them:
//
//	getSession({ req }) => getServerSession(authOptions)   (import { getServerSession } from "next-auth/next")
//
// When those options cannot be found (defined inside the route file,
// where a route.ts cannot export them, or no [...nextauth] route), or the
// call has another shape, the call is marked: it must never stay as is.
func (m *migration) libGetSession(call *Node, row libraries.Row) {
	args := callArgs(call)
	var ref *Node
	if len(args) == 1 && args[0].Kind == "object" {
		props := args[0].NamedChildren()
		if len(props) == 1 {
			switch p := props[0]; {
			case p.Kind == "shorthand_property_identifier" && m.text(p) == "req":
				ref = p
			case p.Kind == "pair" && m.text(p.ChildByField("key")) == "req":
				ref = codemod.Unparen(p.ChildByField("value"))
			}
		}
	}
	stmt := enclosingStatement(call)
	known := ref != nil && m.text(ref) == m.h.req && (ref.Kind == "identifier" || ref.Kind == "shorthand_property_identifier") && !m.isShadowed(ref, m.h.req)
	if !known {
		return // another request, or none: the last check marks what reads req
	}
	if !m.libSupports(call, row, ref) {
		return
	}
	local, spec, why := m.nextAuthOptions()
	if why != "" {
		m.f.Todo(stmt.Start, "%s on the server reads the cookie header of a pages request; on a NextRequest it finds none and returns null: use getServerSession(authOptions) from next-auth/next (%s)", m.text(call), why)
		m.takeRefs(ref)
		return
	}
	gss := "getServerSession"
	if m.idents[gss] && !m.importsAs("next-auth/next", "getServerSession", gss) && !m.importsAs("next-auth", "getServerSession", gss) {
		m.f.Todo(stmt.Start, "%s on the server returns null on a NextRequest: use getServerSession(%s) from next-auth/next (this file already uses the name getServerSession for something else)", m.text(call), local)
		m.takeRefs(ref)
		return
	}
	m.f.Replace(call.Start, call.End, gss+"("+local+")")
	m.takeRefs(ref)
	m.use("next-auth/next", gss, true)
	if spec != "" {
		m.use(spec, local, true)
	}
	m.f.Note("getSession({ req }) became getServerSession(%s): it reads the session in process instead of fetching /api/auth/session; the session it returns has no expires", local)
	if m.readsExpires() {
		m.f.Todo(stmt.Start, "getServerSession(%s) returns the session without expires in a route handler (next-auth deletes it there); this handler reads expires", local)
	}
}

// importsAs reports whether the file imports name from module as local.
func (m *migration) importsAs(module, name, local string) bool {
	for _, imp := range m.module().Imports {
		if imp.Spec != module || imp.Type {
			continue
		}
		for _, n := range imp.Names {
			if n.Name == name && n.Local == local && !n.Type {
				return true
			}
		}
	}
	return false
}

// nextAuthOptions finds the options the project's [...nextauth] route
// passes to NextAuth, defined in a module outside pages/api and app/: the
// name this file knows them by, and the specifier to import them with (""
// when the file imports them already). why says what is missing.
func (m *migration) nextAuthOptions() (local, spec, why string) {
	if m.f.Project == nil {
		return "", "", "routemod did not read the project, so it cannot find authOptions"
	}
	var routes []string
	for r := range m.f.Project.Moves {
		if b := path.Base(r); strings.TrimSuffix(b, path.Ext(b)) == "[...nextauth]" {
			routes = append(routes, r)
		}
	}
	if len(routes) != 1 {
		return "", "", fmt.Sprintf("the project has %d [...nextauth] routes under pages/api, so routemod cannot tell which options to pass", len(routes))
	}
	var arg, file, name string
	mod := m.ix.Module(routes[0])
	if mod != nil {
		for _, e := range mod.Exports {
			if e.Name == "default" && e.Call != "" {
				arg = e.Arg
			}
		}
	}
	if arg == "" {
		return "", "", fmt.Sprintf("%s does not pass NextAuth a named options object", routes[0])
	}
	for _, imp := range mod.Imports {
		if imp.Kind != project.Static || imp.Type || imp.Target == "" {
			continue
		}
		for _, n := range imp.Names {
			if n.Local == arg && !n.Type {
				file, name = imp.Target, n.Name
			}
		}
	}
	via := ""
	if file == "" {
		// export const authOptions = {...} in the route: it moves to a module
		// of its own with the route (nextAuthSplit), this route with it
		sp, ok := nextAuthSplit(m.ix, routes[0])
		for _, e := range mod.Exports {
			if ok && e.Local == arg && e.Name != "default" && e.From == -1 {
				file, name, via = sp.module, e.Name, routes[0]
			}
		}
		if file == "" {
			return "", "", fmt.Sprintf("%s defines %s itself, and a route.ts cannot export it: move it to a module of its own (lib/auth) first", routes[0], arg)
		}
		m.f.Needs(routes[0])
	} else if codemod.IsRouteFile(file) || strings.HasPrefix(file, "app/") || strings.HasPrefix(file, "src/app/") {
		return "", "", fmt.Sprintf("%s comes from %s, a route file: move it to a module of its own (lib/auth) first", arg, file)
	}
	for _, imp := range m.module().Imports {
		if imp.Type {
			continue
		}
		if t, _ := m.ix.Resolve(m.f.Path, imp.Spec); t == file || via != "" && t == via {
			for _, n := range imp.Names {
				if n.Name == name && !n.Type {
					return n.Local, "", "" // imported already
				}
			}
		}
	}
	if name == "default" || m.idents[name] {
		return "", "", fmt.Sprintf("%s is exported from %s as %s, a name this file cannot import as is", arg, file, name)
	}
	dir := path.Dir(m.f.Path)
	if m.f.NewPath != "" {
		dir = path.Dir(m.f.NewPath)
	}
	return name, project.RelSpec(dir, strings.TrimSuffix(file, path.Ext(file))), ""
}

// runFileTransforms runs the transforms that concern the file rather than a
// handler (config, paths, types), the ones selected, on a route whose
// handler a library row rewrote whole (NextAuth, tRPC, Auth0's handleAuth);
// the rest of the file is then the handler transform's again.
func (m *migration) runFileTransforms(mg *Migrator) {
	for _, t := range Catalog {
		switch t.Name {
		case "config", "paths", "types":
			if mg.selected[t.Name] {
				m.f.SetTransform(t.Name)
				t.run(m)
			}
		}
	}
	m.f.SetTransform("handler")
}
