package transforms

import (
	"path"
	"strings"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/libraries"
)

// auth0Supports says whether the installed @auth0/nextjs-auth0 runs the
// row's 3.x app form on the target Next.js; why names what to write
// instead (4's forms on Next.js 16, or where 4 is installed).
func (m *migration) auth0Supports(row libraries.Row) (ok bool, why string) {
	in := m.ix.Installed(row.Package)
	v4, _ := libraries.ParseRange(">=4.0.0")
	if got, err := libraries.ParseRange(in.Version); in.From != "" && err == nil && got.Within(v4) {
		return false, "is not in @auth0/nextjs-auth0 " + in.Version + " (" + in.From + "): " + libraries.Auth0V4
	}
	return row.Supports(in.Version, in.From, m.f.NextMajor)
}

// libAuth0GetSession rewrites Auth0's pages call, with exactly the
// handler's req and res, into the form that reads next/headers:
//
//	getSession(req, res) => getSession()   (@auth0/nextjs-auth0 3.x, Next.js 15 or earlier)
//
// On Next.js 16, or with 4 installed, the call is marked with 4's form.
func (m *migration) libAuth0GetSession(call *Node, row libraries.Row) {
	args := callArgs(call)
	if len(args) == 0 {
		return // getSession(): the app form already
	}
	if len(args) != 2 || !isIdent(m.src, args[0], m.h.req) || !isIdent(m.src, args[1], m.h.res) || m.isShadowed(args[0], m.h.req) || m.isShadowed(args[1], m.h.res) {
		m.f.Todo(enclosingStatement(call).Start, "%s is not a call shape routemod translates (%s => %s): rewrite it by hand", m.text(call), row.Pages, row.App)
		return
	}
	m.takeRefs(args[0], args[1])
	if ok, why := m.auth0Supports(row); !ok {
		m.f.Todo(enclosingStatement(call).Start, "%s becomes %s in a route handler, which %s", m.text(call), row.App, why)
		return
	}
	list := call.ChildByField("arguments")
	m.f.Replace(list.Start, list.End, "()")
}

// auth0Unwrap reads export default withApiAuthRequired(handler) of
// @auth0/nextjs-auth0 3.x and returns the handler it wraps and the
// wrapping of each route handler; why says why the route is skipped (on
// Next.js 16 or with 4 installed: 4's form); all nil and "" when call is
// not that wrapper.
//
//	export default withApiAuthRequired(handler) => handler; export const GET = withApiAuthRequired(async function GET(req) {...})
func (m *migration) auth0Unwrap(call *Node) (inner *Node, w *libWrap, why string) {
	callee := codemod.Unparen(call.ChildByField("function"))
	if callee.Kind != "identifier" {
		return nil, nil, ""
	}
	row, ok := libraryImports(m.module())[m.text(callee)]
	if !ok || row.Package != "@auth0/nextjs-auth0" || row.Name != "withApiAuthRequired" {
		return nil, nil, ""
	}
	args := callArgs(call)
	if len(args) != 1 || args[0].Kind == "spread_element" {
		return nil, nil, "the handler is wrapped in " + shortCall(m, call) + " of @auth0/nextjs-auth0 with arguments routemod does not know; in a route handler: " + row.App
	}
	if ok, vwhy := m.auth0Supports(row); !ok {
		return nil, nil, "the handler is wrapped in " + shortCall(m, call) + " of @auth0/nextjs-auth0, whose route-handler form (" + row.App + ") " + vwhy + "; the route keeps working from pages/api"
	}
	inner = codemod.Unparen(args[0])
	for inner.Kind == "as_expression" || inner.Kind == "satisfies_expression" {
		inner = codemod.Unparen(inner.NamedChildren()[0])
	}
	if inner.Kind == "call_expression" {
		return nil, nil, "the handler is wrapped in " + shortCall(m, call) + " of @auth0/nextjs-auth0 around another wrapper (" + shortCall(m, inner) + "); migrate by hand: " + row.App
	}
	m.f.Note("the handler was wrapped in %s(...) of @auth0/nextjs-auth0 3.x, which wraps route handlers too: each export is wrapped in it (it answers 401 without a session, as before)", m.text(callee))
	return inner, &libWrap{callee: m.text(callee)}, ""
}

// auth0Route migrates Auth0's catch-all route, whose default export is
// the handler handleAuth returns (3.x serves both routers with it), and
// reports whether it dealt with the file. handleAuth's options are kept
// only as calls of the library's handler factories (handleLogin({...}));
// a custom pages handler is the route's to rewrite:
//
//	export default handleAuth() => const handler = handleAuth(); export { handler as GET, handler as POST }
//
// On Next.js 16, or with 4 installed, the route is skipped naming 4's
// form (the auth routes mounted by its middleware).
func (m *migration) auth0Route(mg *Migrator) bool {
	base := path.Base(m.f.Path)
	if stem := strings.TrimSuffix(base, path.Ext(base)); stem != "[auth0]" && stem != "[...auth0]" {
		return false
	}
	var st, call *Node
	for _, c := range m.f.Root.Children {
		if c.Kind == "export_statement" && c.ChildOfKind("default") != nil {
			st, call = c, codemod.Unparen(c.ChildByField("value"))
		}
	}
	if call == nil || call.Kind != "call_expression" {
		return false
	}
	callee := codemod.Unparen(call.ChildByField("function"))
	bound := libraryImports(m.module())
	row, ok := bound[m.text(callee)]
	if callee.Kind != "identifier" || !ok || row.Package != "@auth0/nextjs-auth0" || row.Name != "handleAuth" {
		return false
	}
	if ok, why := m.auth0Supports(row); !ok {
		m.f.Skip("export default %s becomes %s in a route handler, which %s; the route keeps working from pages/api", shortCall(m, call), row.App, why)
		return true
	}
	args := callArgs(call)
	if len(args) > 1 || len(args) == 1 && !m.auth0Factories(args[0]) {
		m.f.Skip("handleAuth is given options routemod cannot tell run in a route handler (a handler of the pages router, with req and res, does not); in a route handler: %s, its custom handlers written for it (handleLogin({ ... }) calls are), then run routemod again (the route keeps working from pages/api)", row.App)
		return true
	}
	m.h = &handler{start: st.Start, end: st.End}
	name := m.name("handler", "handler", "authHandler")
	semi := m.semi()
	m.f.Replace(st.Start, st.End, "const "+name+" = "+m.text(call)+semi+m.f.Style.EOL+"export { "+name+" as GET, "+name+" as POST }"+semi)
	m.markOtherExports()
	m.runFileTransforms(mg)
	m.f.Note("Auth0's catch-all route: handleAuth(...) serves the route handler itself (GET, and POST for a form_post callback); @auth0/nextjs-auth0 3.x runs on Next.js 15 at most")
	return true
}

// auth0Factories reports whether opts is an object literal whose every
// value is a call of one of the library's functions (handleLogin({
// returnTo: "/" })) with no function among its arguments.
func (m *migration) auth0Factories(opts *Node) bool {
	opts = codemod.Unparen(opts)
	if opts.Kind != "object" {
		return false
	}
	for _, p := range namedProps(opts) {
		if p.Kind != "pair" {
			return false
		}
		v := codemod.Unparen(p.ChildByField("value"))
		if v.Kind != "call_expression" {
			return false
		}
		// handleLogin({ returnTo: "/" }), handleLogin imported from the library
		c := codemod.Unparen(v.ChildByField("function"))
		if c.Kind != "identifier" || !strings.HasPrefix(m.text(c), "handle") || !m.importsFrom("@auth0/nextjs-auth0", m.text(c)) {
			return false
		}
		fn := false
		v.ChildByField("arguments").Walk(func(n *Node) bool {
			switch n.Kind {
			case "arrow_function", "function_expression", "function", "method_definition":
				fn = true
			}
			return !fn
		})
		if fn {
			return false
		}
	}
	return true
}

// importsFrom reports whether the file imports local by name from module.
func (m *migration) importsFrom(module, local string) bool {
	for _, imp := range m.module().Imports {
		if imp.Spec != module || imp.Type {
			continue
		}
		for _, n := range imp.Names {
			if n.Local == local && !n.Type {
				return true
			}
		}
	}
	return false
}
