package transforms

import (
	"strings"

	"github.com/routemod/routemod/codemod"
)

// nextConnectRoute says why a route whose default export is a next-connect
// router is skipped, naming the app-router form for the installed
// version; "" when the default export is not one. Routers are not
// translated yet.
//
//	export default router.handler(opts)  (const router = createRouter())   => skipped: createEdgeRouter + router.run per method (next-connect >=1)
//	export default nc().get(h).post(h)   / const handler = nc()...; export default handler => skipped: one export per method (0.x has no app form)
func (m *migration) nextConnectRoute(value *Node) string {
	value = codemod.Unparen(value)
	bound := libraryImports(m.module())
	// the call that makes the router, at the start of a chain
	root := func(n *Node) *Node {
		for n != nil {
			n = codemod.Unparen(n)
			switch n.Kind {
			case "call_expression":
				fn := codemod.Unparen(n.ChildByField("function"))
				if fn.Kind == "member_expression" {
					n = fn.ChildByField("object")
					continue
				}
				return n
			case "identifier":
				c := m.moduleConst(m.text(n))
				if c == nil || c == n {
					return nil
				}
				n = c
				continue
			}
			return nil
		}
		return nil
	}
	r := root(value)
	if r == nil || r.Kind != "call_expression" {
		return ""
	}
	callee := codemod.Unparen(r.ChildByField("function"))
	if callee.Kind == "await_expression" || callee.Kind != "identifier" {
		return ""
	}
	row, ok := bound[m.text(callee)]
	if !ok || row.Package != "next-connect" {
		return ""
	}
	in := m.ix.Installed(row.Package)
	got := in.Version
	if got == "" {
		got = "not found"
	}
	if row.Name == "createRouter" {
		return "the handler is a next-connect router (" + m.text(callee) + "(), export default " + shortCall(m, value) + "), which routemod does not translate yet; in a route handler: " + row.App + " (next-connect installed: " + got + "); the route keeps working from pages/api"
	}
	ok, _ = row.Supports(in.Version, in.From, m.f.NextMajor)
	alt := "one export per method written from the chain's handlers (each taking the NextRequest and returning a Response; .use() middleware run first in each); next-connect " + got + " has no app-router form (createEdgeRouter came with 1.0.0)"
	if ok {
		alt = row.App
	}
	return "the handler is a next-connect chain (" + m.text(callee) + "()...), which routemod does not translate yet; in a route handler: " + alt + "; the route keeps working from pages/api"
}

// shortCall spells a call as its callee with (...): router.handler(...).
func shortCall(m *migration, n *Node) string {
	if n.Kind == "call_expression" {
		return strings.Join(strings.Fields(m.text(n.ChildByField("function"))), "") + "(...)"
	}
	return m.text(n)
}
