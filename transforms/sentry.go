package transforms

import (
	"path"
	"strconv"
	"strings"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/libraries"
)

// libWrap is a library's wrapper around a route's default export, as
// the route handlers get it: @sentry/nextjs's (sentry.go), Auth0's
// withApiAuthRequired (auth0.go).
type libWrap struct {
	callee string // the app wrapper as the route calls it: wrapRouteHandlerWithSentry, Sentry.wrapRouteHandlerWithSentry
	route  string // the route's parameterized path for Sentry's context (/api/users/[id]); "" when the wrapper takes none
}

// sentryUnwrap reads a default export wrapped in @sentry/nextjs's pages
// API wrapper and returns the handler it wraps and how the route
// handlers are wrapped instead (see writeSentry); why says why the route
// is skipped (a version without wrapRouteHandlerWithSentry, another call
// shape); all nil and "" when call is not that wrapper.
//
//	export default withSentry(handler)                         => handler; each export wrapped in wrapRouteHandlerWithSentry
//	export default Sentry.wrapApiHandlerWithSentry(handler, r) => handler; each export wrapped in Sentry.wrapRouteHandlerWithSentry
func (m *migration) sentryUnwrap(call *Node) (inner *Node, sw *libWrap, why string) {
	callee := codemod.Unparen(call.ChildByField("function"))
	name, ns := "", ""
	switch callee.Kind {
	case "identifier":
		row, ok := libraryImports(m.module())[m.text(callee)]
		if !ok || row.Package != "@sentry/nextjs" {
			return nil, nil, ""
		}
		name = row.Name
	case "member_expression":
		obj, prop := callee.ChildByField("object"), m.text(callee.ChildByField("property"))
		for _, imp := range m.module().Imports {
			if imp.Spec == "@sentry/nextjs" && imp.Namespace != "" && !imp.Type && isIdent(m.src, obj, imp.Namespace) {
				ns = imp.Namespace
			}
		}
		if ns == "" || prop != "withSentry" && prop != "wrapApiHandlerWithSentry" {
			return nil, nil, ""
		}
		name = prop
	default:
		return nil, nil, ""
	}
	row, _ := libraries.Lookup("@sentry/nextjs", name)
	args := callArgs(call)
	if len(args) < 1 || len(args) > 2 || args[0].Kind == "spread_element" {
		return nil, nil, "the handler is wrapped in " + shortCall(m, call) + " of @sentry/nextjs with arguments routemod does not know; in a route handler: " + row.App
	}
	in := m.ix.Installed(row.Package)
	if ok, vwhy := row.Supports(in.Version, in.From, m.f.NextMajor); !ok {
		return nil, nil, "the handler is wrapped in " + shortCall(m, call) + " of @sentry/nextjs, whose route-handler form (" + row.App + ") " + vwhy + " (wrapRouteHandlerWithSentry came with 7.67.0); upgrade @sentry/nextjs, then run routemod again (the route keeps working from pages/api)"
	}
	inner = codemod.Unparen(args[0])
	for inner.Kind == "as_expression" || inner.Kind == "satisfies_expression" {
		inner = codemod.Unparen(inner.NamedChildren()[0])
	}
	if inner.Kind == "call_expression" {
		return nil, nil, "the handler is wrapped in " + shortCall(m, call) + " of @sentry/nextjs around another wrapper (" + shortCall(m, inner) + "); migrate by hand: " + row.App
	}
	sw = &libWrap{callee: "wrapRouteHandlerWithSentry", route: routeURL(m.f.Path)}
	if ns != "" {
		sw.callee = ns + ".wrapRouteHandlerWithSentry"
	} else {
		if m.idents["wrapRouteHandlerWithSentry"] && !m.importsAs("@sentry/nextjs", "wrapRouteHandlerWithSentry", "wrapRouteHandlerWithSentry") {
			return nil, nil, "the handler is wrapped in " + shortCall(m, call) + " of @sentry/nextjs, and the file already uses the name wrapRouteHandlerWithSentry for something else; migrate by hand: " + row.App
		}
		m.use("@sentry/nextjs", "wrapRouteHandlerWithSentry", true)
		if m.libDropped == nil {
			m.libDropped = map[string]bool{}
		}
		m.libDropped[m.text(callee)] = true // import { withSentry } (now unused) => removed
	}
	m.f.Note("the handler was wrapped in %s(...) of @sentry/nextjs: each route handler is wrapped in %s with its method and the route %q (withSentryConfig's webpack loader wraps route handlers too, but not under Turbopack, Next.js 16's default build; Sentry skips an error it already captured)", m.text(callee), sw.callee, sw.route)
	return inner, sw, ""
}

// args are the wrapper's arguments after the handler for method:
// wrapRouteHandlerWithSentry's context, `, { method: "GET",
// parameterizedRoute: "/api/x" }`; "" for a wrapper that takes none.
func (sw *libWrap) args(method string) string {
	if sw.route == "" {
		return ""
	}
	return ", { method: " + strconv.Quote(method) + ", parameterizedRoute: " + strconv.Quote(sw.route) + " }"
}

// routeURL is the URL path of a pages route file, its dynamic segments
// as written: pages/api/users/[id].ts => /api/users/[id].
func routeURL(rel string) string {
	p := strings.TrimPrefix(strings.TrimPrefix(rel, "src/"), "pages")
	p = strings.TrimSuffix(p, path.Ext(p))
	p = strings.TrimSuffix(p, "/index")
	if p == "" {
		return "/"
	}
	return p
}
