package transforms

import (
	"slices"
	"strconv"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// ncPlan is a next-connect router that a route's default export serves
// (libraries/nextconnect.go has the facts): its handlers become the
// route's method exports.
type ncPlan struct {
	v1 bool // createRouter() ... router.handler(options), else 0.x's nc(options)
	// routes are the handlers' frames, in the order the router registers
	// them; each serves the methods its funcs name.
	routes []*frame
	// noMatch is onNoMatch's frame (nil: the version's default), exported
	// under rest, the methods no route serves; none when it answers 405.
	noMatch *frame
	rest    []string
	// onError is onError's frame (nil: the version's default); its name is
	// the function the method exports' catch calls.
	onError *frame
	// inline are the frames whose functions sit in the router's statements:
	// their output moves to anchor, the statement the exports replace.
	inline  map[*frame]bool
	anchor  *Node
	deletes []*Node // the router's other statements, and its import when nothing else uses it
	lead    string  // the TODO above the exports: .use() middleware they no longer run
	factory string  // the local name of nc or createRouter, whose import goes when nothing else uses it
}

// unimported reports whether local is the router's factory and nothing
// but the router's statements used it: its import goes (rewriteTypes).
func (m *migration) unimported(local string) bool {
	p := m.chain
	if p == nil || local != p.factory {
		return false
	}
	except := append([]*Node{p.anchor}, p.deletes...)
	for _, st := range m.f.Root.Children {
		if st.Kind == "import_statement" {
			except = append(except, st)
		}
	}
	return m.otherUses(local, except...) == nil
}

// frames lists every frame of the plan, in the order they are written.
func (p *ncPlan) frames() []*frame {
	var out []*frame
	if p.onError != nil {
		out = append(out, p.onError)
	}
	out = append(out, p.routes...)
	if p.noMatch != nil {
		out = append(out, p.noMatch)
	}
	return out
}

// ncMethods are the route methods of each major, as the router names them.
var ncMethods = map[bool][]string{
	false: {"get", "head", "post", "put", "delete", "options", "patch", "all"},
	true:  {"get", "head", "post", "put", "patch", "delete", "all"},
}

// nextConnectRoute reads a default export that is a next-connect router.
// It returns nil and "" when the export is not one, a plan when routemod
// translates it, and the reason the route is skipped otherwise.
//
//	export default nc({ onError, onNoMatch }).get(h1).post(h2)  => export function GET(req) {...}; export function POST(req) {...} (0.x)
//	const handler = nc(); handler.get(h); export default handler  => the same
//	const router = createRouter(); router.get(h); export default router.handler(opts) => the same (>=1.0.0)
//	router.get("/api/x/:id", h), .get(mw, h), a handler calling next() => skipped, naming what routemod does not translate
func (m *migration) nextConnectRoute(value, exportStmt *Node) (*ncPlan, string) {
	value = codemod.Unparen(value)
	// the router's name, when it is bound to a const
	var router string
	exportChain := value
	if value.Kind == "identifier" {
		router, exportChain = m.text(value), nil
	} else if root, _ := ncChain(value); root != nil && root.Kind == "identifier" {
		router = m.text(root)
	}
	var declStmt, declValue *Node
	if router != "" {
		declStmt, declValue = m.constStatement(router)
		if declValue == nil {
			return nil, ""
		}
	}
	first := exportChain
	if declValue != nil {
		first = declValue
	}
	root, _ := ncChain(first)
	if root == nil || root.Kind != "call_expression" {
		return nil, ""
	}
	callee := codemod.Unparen(root.ChildByField("function"))
	if callee == nil || callee.Kind != "identifier" {
		return nil, ""
	}
	row, ok := libraryImports(m.module())[m.text(callee)]
	if !ok || row.Package != "next-connect" {
		return nil, ""
	}
	p := &ncPlan{v1: row.Name == "createRouter", anchor: exportStmt, inline: map[*frame]bool{}}
	kind := "chain (" + m.text(callee) + "()...)"
	if p.v1 {
		kind = "router (" + m.text(callee) + "(), export default " + shortCall(m, value) + ")"
	}
	skip := func(why string) (*ncPlan, string) {
		return nil, "the handler is a next-connect " + kind + ", which routemod translates into method exports only " + why + "; the route keeps working from pages/api"
	}
	in := m.ix.Installed(row.Package)
	if ok, why := row.Supports(in.Version, in.From, m.f.NextMajor); !ok {
		return skip("for the versions whose source it was checked against: " + m.text(callee) + "() " + why + "; in a route handler: " + row.App)
	}
	// the chains that register routes, in source order
	var chains []*Node
	for _, st := range m.f.Root.Children {
		switch {
		case st == declStmt:
			chains = append(chains, declValue)
			p.deletes = append(p.deletes, st)
		case st == exportStmt:
			if exportChain != nil {
				chains = append(chains, exportChain)
			}
		case router != "" && st.Kind == "expression_statement":
			if e := st.NamedChildren(); len(e) == 1 {
				if r, _ := ncChain(e[0]); r != nil && r.Kind == "identifier" && m.text(r) == router {
					chains = append(chains, e[0])
					p.deletes = append(p.deletes, st)
				}
			}
		}
	}
	if router != "" {
		if u := m.otherUses(router, append([]*Node{exportStmt}, p.deletes...)...); u != nil {
			line, _ := codemod.LineCol(m.src, u.Start)
			return skip("when nothing else uses the router; " + router + " is also used on line " + strconv.Itoa(line))
		}
	}
	var links []*Node
	for _, c := range chains {
		_, l := ncChain(c)
		links = append(links, l...)
	}
	var options *Node
	if args := callArgs(root); len(args) > 0 {
		if p.v1 || len(args) > 1 {
			return skip("when " + m.text(callee) + "() has no arguments but options")
		}
		options = args[0]
	}
	if p.v1 {
		// export default router.handler(options): the last call of the export
		if exportChain == nil || len(links) == 0 || links[len(links)-1] != exportChain || ncName(m, exportChain) != "handler" {
			return skip("when the route exports router.handler(options)")
		}
		args := callArgs(exportChain)
		if len(args) > 1 {
			return skip("when router.handler() takes at most its options")
		}
		if len(args) == 1 {
			options = args[0]
		}
		links = links[:len(links)-1]
	}
	served := map[string]*frame{}
	var uses []string
	for _, l := range links {
		name := ncName(m, l)
		args := callArgs(l)
		if name == "use" {
			for _, a := range args {
				uses = append(uses, strings.Join(strings.Fields(m.text(a)), " "))
			}
			continue
		}
		if !slices.Contains(ncMethods[p.v1], name) {
			return skip("when the router only registers routes by method (" + strings.Join(ncMethods[p.v1], ", ") + ") and use(); it calls ." + name + "()")
		}
		if len(args) != 1 {
			if len(args) > 1 && isRoutePattern(args[0]) {
				return skip("when its routes match every path; ." + name + "(" + m.text(args[0]) + ", ...) matches a path pattern")
			}
			return skip("when each method has one handler; ." + name + "() is given " + strconv.Itoa(len(args)) + " (middleware before a handler)")
		}
		var methods []string
		switch name {
		case "all":
			methods = servedByDefault
			m.f.Note("the router's .all() route served every method: exported under %s (Next.js answers HEAD and OPTIONS itself)", strings.Join(servedByDefault, ", "))
		default:
			methods = []string{strings.ToUpper(name)}
		}
		var mine []string
		for _, meth := range methods {
			if served[meth] == nil {
				mine = append(mine, meth)
			}
		}
		if name == "get" && served["HEAD"] == nil {
			served["HEAD"] = &frame{} // a GET route serves HEAD; so does Next.js from the GET export
		}
		if len(mine) == 0 {
			continue // a route registered after one that serves its methods never runs
		}
		fr, why := m.ncRouteFrame(args[0], mine, p)
		if why != "" {
			return skip(why)
		}
		for _, meth := range mine {
			served[meth] = fr
		}
		if i := slices.IndexFunc(p.routes, func(o *frame) bool { return o.h.fn == fr.h.fn }); i >= 0 {
			// .get(h).post(h): one function, two methods
			p.routes[i].funcs[0].methods = append(p.routes[i].funcs[0].methods, mine...)
			continue
		}
		p.routes = append(p.routes, fr)
	}
	if len(p.routes) == 0 {
		return skip("when it registers a route; it has none")
	}
	multi := 0
	for _, fr := range p.routes {
		if len(fr.funcs[0].methods) > 1 {
			multi++
		}
	}
	if multi > 1 {
		return skip("when at most one of its handlers serves several methods")
	}
	for _, meth := range servedByDefault {
		if served[meth] == nil {
			p.rest = append(p.rest, meth)
		}
	}
	if why := m.ncOptions(options, p); why != "" {
		return skip(why)
	}
	if len(uses) > 0 {
		p.lead = "the next-connect router ran middleware before every handler (.use(" + strings.Join(uses, ", ") + ")), which these method exports no longer run: apply it in each of them (express middleware cannot run on a NextRequest)"
	}
	p.factory = m.text(callee)
	return p, ""
}

// ncChain splits a call chain into its root and its calls, innermost
// first: nc().get(h).post(g) => nc(), [.get(h), .post(g)].
func ncChain(n *Node) (root *Node, links []*Node) {
	for {
		n = codemod.Unparen(n)
		if n == nil {
			return nil, nil
		}
		for n.Kind == "as_expression" || n.Kind == "satisfies_expression" {
			n = codemod.Unparen(n.NamedChildren()[0])
		}
		if n.Kind != "call_expression" {
			return n, links
		}
		fn := codemod.Unparen(n.ChildByField("function"))
		if fn == nil || fn.Kind != "member_expression" {
			return n, links
		}
		links = append([]*Node{n}, links...)
		n = fn.ChildByField("object")
	}
}

// ncName is the method a chain call calls: .get(h) => get.
func ncName(m *migration, call *Node) string {
	return m.text(codemod.Unparen(call.ChildByField("function")).ChildByField("property"))
}

// isRoutePattern reports whether a route's first argument is a path
// pattern (a string, template or regular expression), not a handler.
func isRoutePattern(n *Node) bool {
	n = codemod.Unparen(n)
	return n.Kind == "string" || n.Kind == "template_string" || n.Kind == "regex"
}

// constStatement finds `const name = value` at the top level, the only
// declarator of its statement.
func (m *migration) constStatement(name string) (stmt, value *Node) {
	for _, st := range m.f.Root.Children {
		if st.Kind != "lexical_declaration" || !strings.HasPrefix(m.text(st), "const") {
			continue
		}
		ds := st.NamedChildren()
		for _, d := range ds {
			if d.Kind == "variable_declarator" && isIdent(m.src, d.ChildByField("name"), name) && len(ds) == 1 {
				return st, d.ChildByField("value")
			}
		}
	}
	return nil, nil
}

// ncFunction finds the function a route or option names: an inline one,
// or a module-level function nothing else uses (then inline is false and
// stmt is its declaration).
func (m *migration) ncFunction(arg *Node, p *ncPlan) (fn, stmt *Node, inline bool, why string) {
	arg = codemod.Unparen(arg)
	switch arg.Kind {
	case "arrow_function", "function_expression", "function", "method_definition":
		return arg, nil, true, ""
	case "identifier":
		name := m.text(arg)
		stmt, fn := m.topLevelFunction(name)
		if fn == nil {
			return nil, nil, false, "when its handlers are functions of the route file; " + name + " is not one"
		}
		if stmt.Kind == "export_statement" {
			return nil, nil, false, "when its handlers are not exported; " + name + " is"
		}
		if u := m.otherUses(name, stmt, arg); u != nil && !p.anchor.Contains(u) && !slices.ContainsFunc(p.deletes, func(d *Node) bool { return d.Contains(u) }) {
			line, _ := codemod.LineCol(m.src, u.Start)
			return nil, nil, false, "when its handlers are used nowhere else; " + name + " is also used on line " + strconv.Itoa(line)
		}
		return fn, stmt, false, ""
	}
	return nil, nil, false, "when its handlers are functions; it is given " + strings.ReplaceAll(arg.Kind, "_", " ")
}

// ncHandler builds the handler of a router function taking (req, res) at
// reqAt and resAt; params beyond them may only be an unused next.
func (m *migration) ncHandler(arg *Node, p *ncPlan, what string, reqAt, resAt int) (*handler, string) {
	fn, stmt, inline, why := m.ncFunction(arg, p)
	if why != "" {
		return nil, why
	}
	if fn.ChildOfKind("*") != nil {
		return nil, "when its " + what + " is not a generator"
	}
	names := paramNames(m, fn)
	for i, n := range names {
		if n == "" {
			return nil, "when the parameters of its " + what + " are plain names; " + m.text(paramNodes(fn)[i]) + " is not"
		}
	}
	if len(names) > resAt+2 {
		return nil, "when its " + what + " takes at most " + strconv.Itoa(resAt+2) + " parameters"
	}
	if len(names) == resAt+2 {
		// (req, res, next) => next() passed control to the next handler
		used := false
		references(m.src, fn, names[resAt+1], func(*Node) { used = true })
		if used {
			return nil, "when its " + what + " does not call next(); " + m.text(fn.ChildByField("parameters")) + " does"
		}
	}
	h := &handler{fn: fn, body: fn.ChildByField("body"), async: fn.ChildOfKind("async") != nil, start: fn.Start, end: fn.End, reqIndex: -1, resIndex: -1}
	if !inline {
		h.start, h.end = stmt.Start, stmt.End
		if n := fn.ChildByField("name"); n != nil {
			h.name = m.text(n)
		}
	}
	if reqAt < len(names) {
		h.req = names[reqAt]
		// req.params: next-connect's route parameters; a NextRequest has none
		bad := false
		references(m.src, fn, h.req, func(r *Node) {
			if _, prop, ok := memberOf(m, r); ok && prop == "params" {
				bad = true
			}
		})
		if bad {
			return nil, "when its " + what + " does not read " + h.req + ".params (next-connect's route parameters)"
		}
	} else {
		h.req = m.name("req", "req", "request")
	}
	if resAt < len(names) {
		h.res = names[resAt]
	}
	h.bodyType = m.bodyType(fn, resAt)
	return h, ""
}

// ncRouteFrame builds the frame of a route's handler serving methods.
func (m *migration) ncRouteFrame(arg *Node, methods []string, p *ncPlan) (*frame, string) {
	if fn, _, _, _ := m.ncFunction(arg, p); fn != nil {
		for _, fr := range p.routes {
			if fr.h.fn == fn {
				return fr, ""
			}
		}
	}
	h, why := m.ncHandler(arg, p, "handler", 0, 1)
	if why != "" {
		return nil, why
	}
	fr := m.ncFrame(h, methods)
	if _, _, inline, _ := m.ncFunction(arg, p); inline {
		p.inline[fr] = true
	}
	return fr, ""
}

// ncFrame is the frame of a router function serving methods.
func (m *migration) ncFrame(h *handler, methods []string) *frame {
	fr := &frame{h: h}
	if h.body.Kind == "statement_block" {
		fr.funcs = []*outFunc{{methods: slices.Clone(methods), parts: []part{m.bodyPart(h.body)}, tail: h.body}}
		fr.ends = map[*Node]bool{h.body: true}
	} else {
		fr.funcs = []*outFunc{{methods: slices.Clone(methods), expr: h.body}}
		fr.ends = map[*Node]bool{}
	}
	return fr
}

// ncOptions reads the router's options: onError and onNoMatch functions.
//
//	nc({ onError: (err, req, res) => {...} })         => function onError(err: any, req) {...}, returned from each export's catch
//	{ onNoMatch: (req, res) => res.status(405).end() } => nothing: Next.js answers the methods not exported 405
//	{ onNoMatch(req, res) { res.status(404).end() } }  => export function PUT(req) {...} for the methods no route serves
func (m *migration) ncOptions(options *Node, p *ncPlan) string {
	if options != nil {
		options = codemod.Unparen(options)
		if options.Kind != "object" {
			return "when its options are an object written in the call; " + m.text(options) + " is not"
		}
		for _, e := range options.NamedChildren() {
			var key string
			var fn *Node
			switch e.Kind {
			case "comment":
				continue
			case "pair":
				key, fn = m.text(e.ChildByField("key")), e.ChildByField("value")
			case "method_definition":
				key, fn = m.text(e.ChildByField("name")), e
			case "shorthand_property_identifier":
				key, fn = m.text(e), e
			default:
				return "when its options are plain properties; " + m.text(e) + " is not"
			}
			switch key {
			case "onError":
				// 0.x's ErrorHandler types err any; 1.x's onError, unknown
				h, why := m.ncHandler(fn, p, "onError", 1, 2)
				if why != "" {
					return why
				}
				if h.res == "" {
					return "when its onError answers (it takes err, req, res)"
				}
				h.helper, h.reqIndex, h.resIndex = true, 1, 2
				h.paramTypes = map[int]string{0: "any"}
				if p.v1 {
					h.paramTypes[0] = "unknown"
				}
				if len(paramNodes(h.fn)) > 3 {
					h.dropParams = map[int]bool{3: true}
				}
				if h.name == "" {
					h.name = m.name("onError", "onError", "handleError")
				}
				fr := m.sendFrame(h, func(e *Node) bool { return isSendChain(m.src, e, h.res) })
				if fr == nil {
					return "when its onError only answers (it returns something else)"
				}
				if _, _, inline, _ := m.ncFunction(fn, p); inline {
					p.inline[fr] = true
				}
				p.onError = fr
			case "onNoMatch":
				if len(p.rest) == 0 {
					continue // every method is served
				}
				h, why := m.ncHandler(fn, p, "onNoMatch", 0, 1)
				if why != "" {
					return why
				}
				if m.withHandler(h, func() bool { return m.ncRejects(h) }) {
					// it answers 405 as Next.js does for a method not exported
					m.f.Note("onNoMatch answered 405 to the methods no route serves (%s): they are not exported, and Next.js answers them 405 itself", strings.Join(p.rest, ", "))
					p.rest = nil
					continue
				}
				fr := m.ncFrame(h, p.rest)
				if _, _, inline, _ := m.ncFunction(fn, p); inline {
					p.inline[fr] = true
				}
				p.noMatch = fr
			case "attachParams", "disableResponseWait":
				if p.v1 {
					return "when its options are onError and onNoMatch; it is given " + key
				}
				// attachParams set req.params, which a handler reading it refuses; disableResponseWait changes nothing here
			default:
				return "when its options are onError and onNoMatch; it is given " + key
			}
		}
	}
	switch {
	case p.onError != nil:
	case p.v1:
		m.f.Note("next-connect's default onError logged what a handler threw and answered 500 \"Internal Server Error\": each method export's catch keeps that answer (without it, Next.js would answer its own 500)")
	default:
		m.f.Note("next-connect's default onError answered what a handler threw with err.status || 500 and err.message: each method export's catch keeps that answer (without it, Next.js would answer its own 500)")
	}
	if len(p.rest) > 0 && p.noMatch == nil {
		m.f.Note("next-connect answered the methods no route serves (%s) 404 by default: they are exported with that answer (Next.js would answer them 405)", strings.Join(p.rest, ", "))
	}
	return ""
}

// ncRejects reports whether onNoMatch only answers 405:
//
//	(req, res) => res.status(405).end() / { res.status(405).end() } => true
func (m *migration) ncRejects(h *handler) bool {
	if h.body.Kind == "statement_block" {
		return m.rejectsMethod([]*Node{h.body})
	}
	found := false
	h.body.Walk(func(c *Node) bool {
		found = found || c.Kind == "number" && m.text(c) == "405"
		return !found
	})
	return found && m.isResStatement(h.body)
}

// withHandler runs f with the migration's handler set to h.
func (m *migration) withHandler(h *handler, f func() bool) bool {
	old := m.h
	m.h = h
	defer func() { m.h = old }()
	return f()
}

// ncCatch is the catch of each method export: onError's answer, or the
// version's default.
//
//	0.x default => catch (err: any) { return new Response(err.message, { status: err.status || 500 }) }
//	1.x default => catch (err) { console.error(err); return new Response("Internal Server Error", { status: 500 }) }
//	onError     => catch (err) { return onError(err, req) }
func (m *migration) ncCatch(p *ncPlan, req string) *tryCatch {
	semi := m.semi()
	if p.onError == nil {
		if p.v1 {
			return &tryCatch{param: "err", lines: []string{"console.error(err)" + semi, `return new Response("Internal Server Error", { status: 500 })` + semi}}
		}
		param := "err"
		if m.f.TypeScript {
			param += ": any"
		}
		return &tryCatch{param: param, lines: []string{"return new Response(err.message, { status: err.status || 500 })" + semi}}
	}
	h := p.onError.h
	needs := false
	for _, f := range p.onError.funcs {
		needs = needs || f.params
	}
	var args []string
	for i := range paramNodes(h.fn) {
		switch {
		case i == 0:
			args = append(args, "err")
		case i == h.reqIndex:
			args = append(args, req)
		case i == h.resIndex:
			if needs {
				args = append(args, "{ "+prop("params", m.paramsName())+" }")
			}
		}
	}
	return &tryCatch{param: "err", lines: []string{"return " + h.name + "(" + strings.Join(args, ", ") + ")" + semi}, params: needs}
}

// composeChain writes the router's frames and puts the ones written in
// the router's statements in place of its export, the other statements of
// the router removed.
func (m *migration) composeChain() error {
	p := m.chain
	for _, fr := range p.routes {
		c := m.ncCatch(p, fr.h.req)
		for _, fn := range fr.funcs {
			fn.guard = c
			fn.params = fn.params || c.params
			if p.onError != nil && p.onError.h.async {
				fn.async = true
			}
		}
	}
	if p.v1 && p.noMatch != nil {
		// 1.x's handler() catches what onNoMatch throws too
		for _, fn := range p.noMatch.funcs {
			fn.guard = m.ncCatch(p, p.noMatch.h.req)
			fn.params = fn.params || fn.guard.params
		}
	}
	var texts, by []string
	for _, fr := range p.frames() {
		var err error
		m.withFrame(fr, func() { err = m.compose() })
		if err != nil {
			return err
		}
		if !p.inline[fr] {
			continue
		}
		edits := m.f.Edits()
		for i, e := range edits {
			if e.Start == fr.h.start && e.End == fr.h.end && strings.HasPrefix(e.By, "handler") {
				texts = append(texts, strings.TrimRight(e.New, "\r\n"))
				by = append(by, strings.Split(e.By, "+")...)
				m.f.SetEdits(slices.Delete(slices.Clone(edits), i, i+1))
				break
			}
		}
	}
	if len(p.rest) > 0 && p.noMatch == nil {
		texts = append(texts, m.ncDefaultNoMatch(p))
	}
	// the router's statements go; the edits inside them went with the frames
	var edits []codemod.Edit
	for _, e := range m.f.Edits() {
		inside := e.Start >= p.anchor.Start && e.End <= p.anchor.End
		for _, d := range p.deletes {
			inside = inside || e.Start >= d.Start && e.End <= d.End
		}
		if !inside {
			edits = append(edits, e)
		}
	}
	eol := m.f.Style.EOL
	slices.Sort(by)
	by = slices.Compact(slices.DeleteFunc(by, func(s string) bool { return s == "handler" }))
	k := len(edits) // the exports' edit
	edits = append(edits, codemod.Edit{Start: p.anchor.Start, End: p.anchor.End, New: strings.Join(texts, eol+eol), By: strings.Join(append([]string{"handler"}, by...), "+")})
	lead := ""
	for _, d := range p.deletes {
		// its lines, and the blank line after them (the one before may be the imports' own)
		start, end := d.Start, d.End
		if onlySpaceBefore(m.src, start) && onlySpaceAfter(m.src, end) {
			start, end = codemod.LineStart(m.src, start), lineEnd(m.src, end)
			// the comment lines right above it go with the exports
			for prev := prevNode(d); prev != nil && prev.Kind == "comment" && onlySpaceBefore(m.src, prev.Start) &&
				strings.Count(string(m.src[prev.End:start]), "\n") == 1 && strings.TrimSpace(string(m.src[prev.End:start])) == ""; prev = prevNode(prev) {
				start = codemod.LineStart(m.src, prev.Start)
			}
			lead += string(m.src[start:codemod.LineStart(m.src, d.Start)])
			if next := lineEnd(m.src, end); end < len(m.src) && next < len(m.src) && strings.TrimSpace(string(m.src[end:next])) == "" {
				end = next
			}
		}
		edits = append(edits, codemod.Edit{Start: start, End: end, By: "handler"})
	}
	if lead != "" {
		edits[k].New = lead + edits[k].New
	}
	m.f.SetEdits(edits)
	return nil
}

// prevNode is the named node before n among its siblings, comments
// included; nil when none.
func prevNode(n *Node) *Node {
	if n.Parent == nil || n.Index() < 1 {
		return nil
	}
	if c := n.Parent.Children[n.Index()-1]; c.Named {
		return c
	}
	return nil
}

// ncDefaultNoMatch is the version's default onNoMatch answer, exported
// under the methods no route serves.
//
//	0.x => export function PUT() { return new Response("not found", { status: 404 }) }
//	1.x => export function PUT(req) { return new Response(`Route ${req.method} ${url} not found`, { status: 404 }) }
func (m *migration) ncDefaultNoMatch(p *ncPlan) string {
	eol, ind, semi := m.f.Style.EOL, m.f.Style.Indent, m.semi()
	name := p.rest[0]
	sig, answer := "", `new Response("not found", { status: 404 })`
	if p.v1 {
		req := m.h.req
		sig = req
		if m.f.TypeScript {
			m.use("next/server", "NextRequest", false)
			sig += ": NextRequest"
		}
		answer = "new Response(`Route ${" + req + ".method} ${" + req + ".nextUrl.pathname + " + req + ".nextUrl.search} not found`, { status: 404 })"
	}
	text := "export function " + name + "(" + sig + ") {" + eol + ind + "return " + answer + semi + eol + "}"
	var aliases []string
	for _, meth := range p.rest[1:] {
		aliases = append(aliases, name+" as "+meth)
	}
	if len(aliases) > 0 {
		text += eol + eol + "export { " + strings.Join(aliases, ", ") + " }" + semi
	}
	return text
}

// splitChain is splitMethods for a next-connect router: each frame's
// methods are the routes it serves; the project's helpers are looked for
// from each.
func (m *migration) splitChain() {
	m.markOtherExports()
	m.cors = new(*corsPlan) // cors through runMiddleware is read only as a handler's first statement
	for _, fr := range m.chain.frames() {
		m.withFrame(fr, func() {
			m.findHelpers()
			m.findRemoteHelpers()
		})
	}
	if m.chain.lead != "" {
		m.chain.routes[0].h.lead = m.chain.lead
	}
}

// shortCall spells a call as its callee with (...): router.handler(...).
func shortCall(m *migration, n *Node) string {
	if n.Kind == "call_expression" {
		return strings.Join(strings.Fields(m.text(n.ChildByField("function"))), "") + "(...)"
	}
	return m.text(n)
}
