package transforms

import "github.com/routemod/routemod/libraries"

// libGetIronSession rewrites iron-session's pages call, with exactly the
// handler's req and res, into the cookie-store form of iron-session 8
// (next/headers' cookies(), awaited on Next.js 15+); the session's save()
// and destroy() then set the cookie through it, and it goes out with the
// Response the handler returns.
//
//	getIronSession(req, res, sessionOptions)              => getIronSession(await cookies(), sessionOptions)   (iron-session >=8 <9)
//	getIronSession<SessionData>(req, res, sessionOptions) => getIronSession<SessionData>(await cookies(), sessionOptions)
func (m *migration) libGetIronSession(call *Node, row libraries.Row) {
	args := callArgs(call)
	list := call.ChildByField("arguments")
	if len(args) == 2 {
		return // getIronSession(cookieStore, options): the app form already
	}
	if !m.libReqResCall(call, row, args) {
		return
	}
	if m.idents["cookies"] && !m.importsAs("next/headers", "cookies", "cookies") {
		m.f.Todo(enclosingStatement(call).Start, "%s becomes %s in a route handler, and this file already uses the name cookies for something else: rewrite it by hand", m.text(call), row.App)
		m.takeRefs(args[0], args[1])
		return
	}
	store := "cookies()"
	if m.f.NextMajor >= 15 {
		store = "await cookies()"
		m.needAsync(call.Start)
	}
	m.use("next/headers", "cookies", true)
	m.f.Replace(list.Start, list.End, "("+store+", "+m.text(args[2])+")")
	m.takeRefs(args[0], args[1])
}

// libraryWrapper is the table's row for a wrapper of the default export
// (export default withIronSessionApiRoute(handler, options)) that no
// version runs in a route handler, if callee is one.
func (m *migration) libraryWrapper(callee *Node) (libraries.Row, bool) {
	if callee == nil || callee.Kind != "identifier" {
		return libraries.Row{}, false
	}
	row, ok := libraryImports(m.module())[m.text(callee)]
	return row, ok && row.Wrapper
}
