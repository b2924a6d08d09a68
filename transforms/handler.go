package transforms

import (
	"regexp"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// handler is the pages-router request handler of a route file.
type handler struct {
	fn       *Node  // the function: declaration, expression or arrow
	body     *Node  // statement_block, or the expression of an arrow
	name     string // the function's name, "" when anonymous
	req, res string // parameter names ("" when absent)
	async    bool
	event    string // an edge handler's NextFetchEvent parameter, in place of res
	bodyType string // the T of res: NextApiResponse<T> (see bodyType), "" when none
	start    int    // the range the output functions replace
	// typeDoc is set when the range starts with the handler's JSDoc type
	// (/** @type {import("next").NextApiHandler} */), removed with it
	typeDoc bool
	end     int
	deletes []*Node // statements removed with it (export default h; module.exports = h)
	// wrap is the project wrapper that only checks the method around the
	// default export, nil when none; wraps are the others, outermost first.
	wrap  *wrapUse
	wraps []*wrapUse
	// sentry is @sentry/nextjs's wrapper around the default export, nil
	// when none: each export is wrapped in wrapRouteHandlerWithSentry.
	libWrap *libWrap
	// lead is the TODO written above the output functions: the project
	// wrapper they no longer run (see refusedWrapper).
	lead string
	// extras are the parameters after req and res the innermost of wraps
	// hands the handler (withProject(async (req, res, project) => ...)).
	extras []*Node
	// ctx is set for the request handler a wrapper returns (appWrapper):
	// the name of its route context parameter, which takes res's place;
	// arrow tells its kind and indent the indentation of its line.
	ctx, indent string
	arrow       bool
	// helper is set for a module-level function the handler hands res to;
	// resIndex and reqIndex are where it takes them (-1: not at all).
	helper             bool
	resIndex, reqIndex int
	// guard is set for a project helper that sends on failure and returns
	// a value on success (helperguard.go).
	guard bool
	// paramTypes are the types a helper's untyped parameters get in
	// TypeScript, by index, and dropParams the parameters it loses (a
	// next-connect onError's err: any, and its unused next).
	paramTypes map[int]string
	dropParams map[int]bool
	// decor names the local each property the innermost of wraps, or a
	// decorating guard helper it calls, sets on the request is read from
	// (decorate.go); decorUses are the reads rewritten into it.
	decor     map[string]*decorLocal
	decorUses []decorUse
	// sets is the property a decorating guard helper sets on its request
	// (req.auth = ...): its app version returns it (decorate.go).
	sets string
	// headersParam is set for a project helper that sets headers on res
	// for its caller's response (helperheaders.go): res becomes the Headers
	// its caller passes, and its own responses carry them.
	headersParam bool
}

// findHandler locates the default-exported handler. It skips the file when
// there is none or when it is wrapped in a call.
//
//	export default function handler(req, res) {}      => found
//	export default async (req, res) => {}             => found
//	const handler: NextApiHandler = ...; export default handler => found
//	module.exports = handler / module.exports = (req, res) => {} => found
//	export default withAuth(handler)                  => skipped, names withAuth
func (m *migration) findHandler() bool {
	f := m.f
	var value, exportStmt *Node
	for _, st := range f.Root.Children {
		switch st.Kind {
		case "export_statement":
			if st.ChildOfKind("default") == nil {
				continue
			}
			exportStmt = st
			if d := st.ChildByField("declaration"); d != nil {
				value = d
			} else {
				value = st.ChildByField("value")
			}
		case "expression_statement":
			a := st.NamedChildren()
			if len(a) == 1 && a[0].Kind == "assignment_expression" {
				left := strings.ReplaceAll(m.text(a[0].ChildByField("left")), " ", "")
				if left == "module.exports" || left == "exports.default" {
					exportStmt, value = st, a[0].ChildByField("right")
				}
			}
		}
	}
	if value == nil {
		f.Skip("not a route: no default export (a helper module under pages/api? move it out of pages/api by hand)")
		return false
	}
	value = codemod.Unparen(value)
	for value.Kind == "as_expression" || value.Kind == "satisfies_expression" {
		value = codemod.Unparen(value.NamedChildren()[0])
	}
	if p, why := m.nextConnectRoute(value, exportStmt); why != "" {
		f.Skip("%s", why)
		return false
	} else if p != nil {
		// export default nc().get(h) => each handler a method export (nextconnect.go)
		m.chain, m.h = p, p.routes[0].h
		return true
	}
	h := &handler{start: exportStmt.Start, end: exportStmt.End}
	if value.Kind == "call_expression" {
		// export default withSentry(handler) => handler; each export wrapped in wrapRouteHandlerWithSentry (sentry.go)
		inner, sw, why := m.sentryUnwrap(value)
		if sw == nil && why == "" {
			// export default withApiAuthRequired(handler) => handler; each export wrapped in it (auth0.go)
			inner, sw, why = m.auth0Unwrap(value)
		}
		if why != "" {
			f.Skip("%s", why)
			return false
		}
		if sw != nil {
			h.libWrap, value = sw, inner
		}
	}
	if value.Kind == "call_expression" {
		if row, ok := m.libraryWrapper(value.ChildByField("function")); ok {
			// export default withIronSessionApiRoute(handler, options) => skipped, naming iron-session 8's form
			in := m.ix.Installed(row.Package)
			f.Skip("the handler is wrapped in %s(...) of %s, which %s %s removed and no version runs in a route handler: rewrite the handler with %s, then run routemod again (installed: %s; the route keeps working from pages/api)", m.text(value.ChildByField("function")), row.Package, row.Package, row.Needs(f.NextMajor).Min(), row.App, orNone(in.Version))
			return false
		}
		// export default withMethods(["GET"], handler) (withMethods from lib/, only checks the method) => handler, under GET
		// export default withAuth(withCache(handler)) => handler; each export wrapped in withAuth(withCache(...))
		inner, methods, wraps, why := m.unwrap(value)
		if why != "" {
			// export default withTiming(handler) (a wrapper routemod cannot rewrite) => handler's exports, one TODO naming it
			arg, lead := m.refusedWrapper(value)
			if arg == nil {
				f.Skip("%s", why)
				return false
			}
			h.lead, inner = lead, arg
		}
		h.wrap, h.wraps, value = methods, wraps, inner
		m.nameDecorations(h)
		if len(wraps) > 0 && inner.Kind != "identifier" {
			// withA(\n  withB(async (req, res) => {...}),\n) => the function keeps the indentation of its line
			h.indent = codemod.IndentAt(m.src, inner.Start)
		}
		m.h = h
		if why := m.wrapperImports(); why != "" {
			f.Skip("the handler is wrapped in %s (%s): %s; migrate by hand", wraps[0].local, wraps[0].w.file, why)
			return false
		}
	}
	switch value.Kind {
	case "function_declaration", "function_expression", "arrow_function", "function":
		h.fn = value
	case "identifier":
		name := m.text(value)
		decl, fn := m.topLevelFunction(name)
		if fn == nil {
			f.Skip("the default export %s is not a function declared in this file", name)
			return false
		}
		h.fn, h.start, h.end = fn, decl.Start, decl.End
		h.deletes = append(h.deletes, exportStmt)
		if n := m.otherUses(name, decl, exportStmt); n != nil {
			line, _ := codemod.LineCol(m.src, n.Start)
			f.Skip("the handler %s is also used on line %d; routemod only moves a handler nothing else refers to", name, line)
			return false
		}
	default:
		f.Skip("the default export is a %s, not a handler function", strings.ReplaceAll(value.Kind, "_", " "))
		return false
	}
	if n := h.fn.ChildByField("name"); n != nil {
		h.name = m.text(n)
		if exportStmt != nil && h.start == exportStmt.Start {
			// export default function handler(...) — the name is local to it.
			if u := m.otherUses(h.name, exportStmt); u != nil {
				line, _ := codemod.LineCol(m.src, u.Start)
				f.Skip("the handler %s is also used on line %d; routemod only moves a handler nothing else refers to", h.name, line)
				return false
			}
		}
	}
	m.dropHandlerTypeDoc(h)
	h.async = h.fn.ChildOfKind("async") != nil
	if h.fn.ChildOfKind("*") != nil {
		f.Skip("the handler is a generator function")
		return false
	}
	h.body = h.fn.ChildByField("body")
	plist := paramNodes(h.fn)
	// function handler(req, res, extra = 5) => skipped: pages passed only req and res,
	// a route handler gets (req, ctx) and the third parameter would be dropped
	if n := len(h.wraps); n > 0 && len(plist) > 2 && h.wraps[n-1].w.extras == len(plist)-2 {
		// withProject(async (req, res, project) => ...) => async function GET(req, _ctx, project): withProject hands project on
		h.extras = plist[2:]
	} else if len(plist) > 2 {
		f.Skip("the handler takes parameters besides req and res %s; migrate it by hand", m.text(h.fn.ChildByField("parameters")))
		return false
	}
	// function handler(req, res) { arguments.length; this } => TODO(routemod) at the use:
	// they see a route handler's (req, ctx) call, not pages' (req, res)
	if h.fn.Kind != "arrow_function" {
		h.body.Walk(func(n *Node) bool {
			switch n.Kind {
			case "function_declaration", "function_expression", "function", "generator_function_declaration", "generator_function", "method_definition", "class_declaration", "class":
				return false // their own arguments and this
			case "this":
				f.Todo(n.Start, "the handler reads this: a route handler is called with (request, context), not pages' (req, res); rewrite this without it")
			case "identifier":
				if m.text(n) == "arguments" {
					f.Todo(n.Start, "the handler reads arguments: a route handler is called with (request, context), not pages' (req, res); rewrite this without it")
				}
			}
			return true
		})
	}
	for i, p := range plist {
		if i > 1 {
			break
		}
		id := p
		if p.Kind == "required_parameter" || p.Kind == "optional_parameter" {
			id = p.ChildByField("pattern")
		}
		if id == nil || id.Kind != "identifier" {
			f.Skip("the handler's %s parameter is destructured; routemod needs it as a plain name", []string{"request", "response"}[i])
			return false
		}
		if i == 0 {
			h.req = m.text(id)
		} else {
			h.res = m.text(id)
		}
	}
	if h.req == "" {
		h.req = m.name("req", "req", "request")
	}
	h.bodyType = m.bodyType(h.fn, 1)
	m.h = h
	// (req: NextRequest, ev: NextFetchEvent) in an edge API route: no response
	if h.res != "" && len(plist) > 1 && m.isFetchEvent(plist[1], h.res) {
		h.event, h.res, h.bodyType = h.res, "", ""
	}
	return true
}

// topLevelFunction finds `function name` or `const name = <function>` at
// the top level and returns the statement and the function node (the
// first, in file order). The file's top level is read once, not once per
// name asked (a route of n helpers asked n times).
func (m *migration) topLevelFunction(name string) (stmt, fn *Node) {
	if m.topFuncs == nil {
		m.topFuncs = map[string][2]*Node{}
		add := func(name string, st, fn *Node) {
			if _, ok := m.topFuncs[name]; !ok {
				m.topFuncs[name] = [2]*Node{st, fn}
			}
		}
		for _, st := range m.f.Root.Children {
			decl := st
			if st.Kind == "export_statement" && st.ChildOfKind("default") == nil {
				if d := st.ChildByField("declaration"); d != nil {
					decl = d
				}
			}
			switch decl.Kind {
			case "function_declaration":
				if n := decl.ChildByField("name"); n != nil {
					add(m.text(n), st, decl)
				}
			case "lexical_declaration", "variable_declaration":
				ds := decl.NamedChildren()
				for _, d := range ds {
					n := codemod.Unparen(d.ChildByField("name"))
					if d.Kind != "variable_declarator" || n == nil || n.Kind != "identifier" {
						continue
					}
					v := codemod.Unparen(d.ChildByField("value"))
					// const handler = (async (req, res) => {...}) satisfies NextApiHandler => found
					for v != nil && (v.Kind == "as_expression" || v.Kind == "satisfies_expression") {
						v = codemod.Unparen(v.NamedChildren()[0])
					}
					if v != nil && (v.Kind == "arrow_function" || v.Kind == "function_expression" || v.Kind == "function") && len(ds) == 1 {
						add(m.text(n), st, v)
					}
				}
			}
		}
	}
	found := m.topFuncs[name]
	return found[0], found[1]
}

// otherUses returns the first identifier spelled name outside the given
// nodes, or nil.
func (m *migration) otherUses(name string, except ...*Node) *Node {
	var found *Node
	m.f.Root.Walk(func(n *Node) bool {
		if found != nil {
			return false
		}
		for _, e := range except {
			if e != nil && e.Contains(n) {
				return false
			}
		}
		if (n.Kind == "identifier" || n.Kind == "shorthand_property_identifier") && m.text(n) == name {
			found = n
		}
		return true
	})
	return found
}

// handlerTypeDoc matches a JSDoc that only types the handler as a pages one.
var handlerTypeDoc = regexp.MustCompile(`^/\*\*\s*(\*\s*)?@type\s*\{\s*import\(\s*["']next["']\s*\)\.NextApiHandler\b[^}]*\}\s*\*/$`)

// dropHandlerTypeDoc removes the JSDoc type of the handler with it, as the
// types transform removes a TypeScript annotation.
//
//	/** @type {import("next").NextApiHandler} */ const handler = ... => (comment removed; compose writes each output function's JSDoc)
func (m *migration) dropHandlerTypeDoc(h *handler) {
	var prev *Node
	for _, st := range m.f.Root.Children {
		if st.Start >= h.start {
			break
		}
		prev = st
	}
	if prev == nil || prev.Kind != "comment" || !handlerTypeDoc.MatchString(m.text(prev)) {
		return
	}
	if strings.TrimSpace(string(m.src[prev.End:h.start])) == "" && onlySpaceBefore(m.src, prev.Start) {
		h.start = codemod.LineStart(m.src, prev.Start)
		h.typeDoc = true
	}
}

func orNone(v string) string {
	if v == "" {
		return "not found"
	}
	return v
}
