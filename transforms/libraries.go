package transforms

import (
	"strings"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/libraries"
	"github.com/routemod/routemod/project"
)

// rewriteLibraries applies the library table (package libraries) to the
// handler's calls of library functions that take the pages req and res,
// where the version the project has installed runs the app-router form;
// otherwise the call is marked with the version it needs. A call whose
// shape is not exactly the row's keeps the usual markers of req and res.
//
//	getServerSession(req, res, authOptions) => getServerSession(authOptions)   (next-auth >=4.19; >=4.24.9 on Next.js 15+)
//	getToken({ req })                       => unchanged (it reads a NextRequest; next-auth >=4.16)
//	getIronSession(req, res, options)       => getIronSession(await cookies(), options)   (iron-session >=8 <9)
//	await runMiddleware(req, res, Cors(o))  => the headers cors sets, and an OPTIONS export (cors_lib.go)
func rewriteLibraries(m *migration) {
	named := libraries.Named(m.src)
	if named || m.libMods != nil {
		m.libCors() // the cors instance may come from a module of the project, the route importing no package
	}
	if !named {
		return // no module of the table is named: the scan would find no import of one
	}
	bound := libraryImports(m.module())
	if len(bound) == 0 {
		return
	}
	m.h.fn.Walk(func(n *Node) bool {
		if n.Kind != "call_expression" {
			return true
		}
		callee := n.ChildByField("function")
		if callee != nil && callee.Kind == "await_expression" && n.ChildByField("type_arguments") != nil {
			// await f<T>(a): tree-sitter reads the call's callee as "await f"
			callee = callee.NamedChildren()[len(callee.NamedChildren())-1]
		}
		if callee == nil || callee.Kind != "identifier" {
			return true
		}
		name := m.text(callee)
		row, ok := bound[name]
		if !ok {
			return true
		}
		if s := bindingScope(m.src, callee, name); s != nil && s.Kind != "program" {
			return true // a local binding shadows the import
		}
		switch row.Name {
		case "getServerSession":
			m.libGetServerSession(n, row)
		case "getToken":
			m.libGetToken(n, name, row)
		case "getSession":
			if row.Package == "@auth0/nextjs-auth0" {
				m.libAuth0GetSession(n, row)
			} else {
				m.libGetSession(n, row)
			}
		case "getIronSession":
			m.libGetIronSession(n, row)
		}
		return true
	})
}

// libraryImports maps each local name the file imports from a module of
// the table to its row (import { getServerSession as gss } from
// "next-auth/next": gss). CommonJS requires are not read: their calls
// keep the markers of req and res.
func libraryImports(mod *project.Module) map[string]libraries.Row {
	out := map[string]libraries.Row{}
	for _, imp := range mod.Imports {
		if imp.Kind != project.Static || imp.Type {
			continue
		}
		if row, ok := libraries.Lookup(imp.Spec, "default"); ok && imp.Default != "" {
			out[imp.Default] = row
		}
		for _, nm := range imp.Names {
			if row, ok := libraries.Lookup(imp.Spec, nm.Name); ok && !nm.Type {
				out[nm.Local] = row
			}
		}
	}
	return out
}

// libSupports says whether the installed version of row's package runs
// its app form; when not, it marks the call's statement with the
// version needed and takes the call's req and res (the marker covers
// them).
func (m *migration) libSupports(call *Node, row libraries.Row, refs ...*Node) bool {
	in := m.ix.Installed(row.Package)
	ok, why := row.Supports(in.Version, in.From, m.f.NextMajor)
	if ok {
		return true
	}
	m.f.Todo(enclosingStatement(call).Start, "%s becomes %s in a route handler, which %s; upgrade %s, then rewrite this call", m.text(call), row.App, why, row.Package)
	m.takeRefs(refs...)
	return false
}

// takeRefs records references to req and res that a library row has
// dealt with: the request and response rules leave them alone.
func (m *migration) takeRefs(refs ...*Node) {
	if m.libTaken == nil {
		m.libTaken = map[int]bool{}
	}
	for _, r := range refs {
		m.libTaken[r.Start] = true
	}
}

// libReqResCall reports whether call is a library's pages form
// f(req, res, options), with exactly the handler's req and res, in a
// version row supports; otherwise the call is marked, naming the shape or
// the version needed:
//
//	getServerSession(req, res, authOptions) => true
//	getServerSession(req, other, authOptions) => false, TODO "not a call shape routemod translates"
func (m *migration) libReqResCall(call *Node, row libraries.Row, args []*Node) bool {
	list := call.ChildByField("arguments")
	if len(args) != 3 || !isIdent(m.src, args[0], m.h.req) || !isIdent(m.src, args[1], m.h.res) ||
		m.isShadowed(args[0], m.h.req) || m.isShadowed(args[1], m.h.res) || args[2].Kind == "spread_element" ||
		strings.Contains(m.text(list), "//") || strings.Contains(m.text(list), "/*") {
		m.f.Todo(enclosingStatement(call).Start, "%s is not a call shape routemod translates (%s => %s): rewrite it by hand", m.text(call), row.Pages, row.App)
		return false
	}
	return m.libSupports(call, row, args[0], args[1])
}

// libGetServerSession rewrites next-auth's pages call, with exactly the
// handler's req and res and an options argument:
//
//	getServerSession(req, res, authOptions) => getServerSession(authOptions)
//
// The app form reads the cookies with next/headers and writes none (the
// pages form re-set the session cookie, extending a rolling session), and
// its session has no expires field: code that reads one is marked.
func (m *migration) libGetServerSession(call *Node, row libraries.Row) {
	args := callArgs(call)
	list := call.ChildByField("arguments")
	if len(args) == 1 && args[0].Kind != "spread_element" {
		return // getServerSession(authOptions): the app form already
	}
	if !m.libReqResCall(call, row, args) {
		return
	}
	m.f.Replace(list.Start, list.End, "("+m.text(args[2])+")")
	m.takeRefs(args[0], args[1])
	m.f.Note("getServerSession(%s) in a route handler does not re-set the session cookie (the pages form extended a rolling session's expiry on each call)", m.text(args[2]))
	if m.readsExpires() {
		m.f.Todo(enclosingStatement(call).Start, "getServerSession(%s) returns the session without expires in a route handler (next-auth deletes it there); this handler reads expires", m.text(args[2]))
	}
}

// readsExpires reports whether the handler reads a property named expires.
func (m *migration) readsExpires() bool {
	found := false
	m.h.fn.Walk(func(n *Node) bool {
		if _, prop, ok := member(m.src, n); ok && prop == "expires" {
			found = true
		}
		if n.Kind == "shorthand_property_identifier_pattern" && m.text(n) == "expires" {
			found = true
		}
		return !found
	})
	return found
}

// libGetToken keeps next-auth's getToken({ req }): it reads a NextRequest
// (cookies through getAll(), the Authorization header through Headers)
// from next-auth 4.16 on. Only an options object whose req is the
// handler's own is known; the last check is told so.
//
//	getToken({ req })              => unchanged
//	getToken({ req, secret })      => unchanged
//	getToken({ req: someOtherReq }) => the usual markers
func (m *migration) libGetToken(call *Node, local string, row libraries.Row) {
	args := callArgs(call)
	if len(args) != 1 || args[0].Kind != "object" {
		return
	}
	var ref *Node
	for _, p := range args[0].NamedChildren() {
		switch {
		case p.Kind == "shorthand_property_identifier" && m.text(p) == "req":
			ref = p
		case p.Kind == "pair" && m.text(p.ChildByField("key")) == "req":
			ref = codemod.Unparen(p.ChildByField("value"))
		case p.Kind == "spread_element":
			return
		}
	}
	if ref == nil || m.text(ref) != m.h.req || ref.Kind != "identifier" && ref.Kind != "shorthand_property_identifier" || m.isShadowed(ref, m.h.req) {
		return
	}
	if !m.libSupports(call, row, ref) {
		return
	}
	m.takeRefs(ref)
	if m.reqOptionOf == nil {
		m.reqOptionOf = map[string]bool{}
	}
	m.reqOptionOf[local] = true
}
