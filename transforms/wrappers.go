package transforms

import (
	"strconv"
	"strings"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/project"
)

// wrapper is a project function a route's default export calls
// (export default withMethods(["GET"], handler)), as routemod reads its
// body, once per project (readWrappers).
type wrapper struct {
	file, name string
	// layers are the parameter names of each call before the request
	// handler: withMethods(methods, handler) => [[methods handler]];
	// allowMethods(methods)(handler) => [[methods] [handler]].
	layers [][]string
	// handler and methods are the parameters that receive the route's
	// handler and its list of methods ({-1, -1}: none).
	handler, methods argAt
	// methodsOnly is set when the body only refuses the methods outside
	// the list, with reject, and otherwise calls the handler.
	methodsOnly bool
	// single is set when the methods parameter is one method compared
	// with ===, not a list.
	single bool
	// extras counts the arguments it hands the handler after req and res.
	extras int
	// decorates are the properties it sets on req before it calls the
	// handler (decorate.go), handed on as one more argument: { user }.
	decorates []string
	reject    rejection
	// apply is set when routemod can write its route-handler version
	// (appWrapper) and apply it to each export of the routes it wraps.
	apply bool
	// why says why routemod cannot apply it ("" when it can).
	why string
	// pinned is set when code of its own module uses it (that code stays a
	// pages one); cjs when its module exports through module.exports.
	pinned, cjs bool
	// plan is the project's helper plan: the app version calls the app
	// versions of the planned helpers it calls (getUser(req) =>
	// getUserApp(req)), calls lists them.
	plan  *helperPlan
	calls []helperKey
}

// argAt is a parameter of a wrapper: its call layer and its index there.
type argAt struct{ layer, index int }

var noArg = argAt{-1, -1}

// rejection is what a method-checking wrapper answers the methods it
// refuses.
type rejection struct {
	status int
	kind   string // "json", "text" or "empty"
	body   string // the json or send argument, its reads of req written as reqMark
	base   string // the indentation of the line it starts on
}

// reqMark stands for the wrapper's request in a rejection's body.
const reqMark = "\x00req\x00"

// readWrappers reads and parses, once, every module that defines a
// function a route's default export calls, reads each such function, and
// writes the app version of each it can apply once (trial), to know it can.
//
// A module that holds helpers the helper plan changes too gets one change
// (mergeModuleChanges).
func readWrappers(ix *project.Index, texts map[string][]byte, helpers *helperPlan) *wrapperPlan {
	pl := &wrapperPlan{ix: ix, byKey: map[[2]string]*wrapper{}, texts: texts, called: map[string]map[[2]string]string{}}
	if len(texts) == 0 {
		return pl
	}
	p := codemod.NewParser()
	defer p.Close()
	for file, names := range ix.Wrappers() {
		src, ok := texts[file]
		if !ok {
			continue
		}
		tsx := !strings.HasSuffix(file, ".ts") && !strings.HasSuffix(file, ".mts") && !strings.HasSuffix(file, ".cts")
		root, err := p.Parse(src, tsx)
		for _, name := range names {
			w := &wrapper{file: file, name: name, handler: noArg, methods: noArg, plan: helpers}
			pl.byKey[[2]string{file, name}] = w
			if err != nil {
				w.why = "routemod cannot parse " + file
				continue
			}
			w.read(src, root)
			if !w.methodsOnly && w.handler != noArg {
				if why := w.trial(p, ix, src, root, tsx); why != "" {
					w.why = why
				} else {
					w.apply, w.why = true, ""
					w.pinned = usedInModule(src, root, name)
					w.cjs = ix.Module(file) != nil && ix.Module(file).CommonJS
					if w.cjs {
						// module.exports = { withAuth }: an app version added beside it would be an ESM export there
						w.apply, w.why = false, "its module exports through module.exports, where routemod does not add an app version"
					}
				}
			}
		}
	}
	return pl
}

// moduleFunction finds the module-level function name: function name()
// {}, const name = (...) => ..., const name = function () {}, exported
// or not (export default function name too).
func moduleFunction(src []byte, root *Node, name string) *Node {
	for _, st := range root.Children {
		decl := st
		if st.Kind == "export_statement" {
			if d := st.ChildByField("declaration"); d != nil {
				decl = d
			}
		}
		switch decl.Kind {
		case "function_declaration":
			if n := decl.ChildByField("name"); n != nil && n.Text(src) == name {
				return decl
			}
		case "lexical_declaration", "variable_declaration":
			for _, d := range decl.NamedChildren() {
				if d.Kind != "variable_declarator" || !isIdent(src, d.ChildByField("name"), name) {
					continue
				}
				v := codemod.Unparen(d.ChildByField("value"))
				for v != nil && (v.Kind == "as_expression" || v.Kind == "satisfies_expression") {
					v = codemod.Unparen(v.NamedChildren()[0])
				}
				if v != nil && (v.Kind == "arrow_function" || v.Kind == "function_expression" || v.Kind == "function") {
					return v
				}
			}
		}
	}
	return nil
}

// plainParams returns the names of fn's parameters, ok false when one is
// destructured, a rest parameter or has a default value.
func plainParams(src []byte, fn *Node) ([]string, bool) {
	var out []string
	for _, p := range paramNodes(fn) {
		id := p
		if p.Kind == "required_parameter" || p.Kind == "optional_parameter" {
			if p.ChildByField("value") != nil {
				return nil, false
			}
			id = p.ChildByField("pattern")
		}
		if id == nil || id.Kind != "identifier" {
			return nil, false
		}
		out = append(out, id.Text(src))
	}
	return out, true
}

// returnedFunction is the function a body only returns: (a) => (b) => ...
// or { return function (b) {...} }; nil otherwise.
func returnedFunction(body *Node) *Node {
	if body == nil {
		return nil
	}
	v := body
	if body.Kind == "statement_block" {
		st := statements(body)
		if len(st) != 1 || st[0].Kind != "return_statement" || len(st[0].NamedChildren()) == 0 {
			return nil
		}
		v = st[0].NamedChildren()[0]
	}
	v = codemod.Unparen(v)
	for v != nil && (v.Kind == "as_expression" || v.Kind == "satisfies_expression") {
		v = codemod.Unparen(v.NamedChildren()[0])
	}
	if v != nil && (v.Kind == "arrow_function" || v.Kind == "function_expression" || v.Kind == "function") {
		return v
	}
	return nil
}

// read works out the wrapper's layers, which parameter takes the handler
// and whether it only checks the method.
//
//	function withMethods(methods, handler) { return async (req, res) => { if (!methods.includes(req.method)) return res.status(405).end(); return handler(req, res) } }
//	const allowMethods = (methods) => (handler) => (req, res) => { ... }
func (w *wrapper) read(src []byte, root *Node) {
	fn := moduleFunction(src, root, w.name)
	if fn == nil {
		w.why = "routemod cannot find its definition"
		return
	}
	if fn.ChildOfKind("*") != nil {
		w.why = "it is a generator"
		return
	}
	for {
		names, ok := plainParams(src, fn)
		if !ok {
			w.why = "its parameters are not plain names"
			return
		}
		next := returnedFunction(fn.ChildByField("body"))
		if next == nil {
			if len(w.layers) == 0 {
				w.why = "it does not return a request handler"
				return
			}
			if len(names) != 2 {
				w.why = "the request handler it returns does not take (req, res)"
				return
			}
			w.readHandler(src, fn, names[0], names[1])
			return
		}
		w.layers = append(w.layers, names)
		fn = next
	}
}

// isReqArg reports whether n hands on the request req: req, or req cast
// (handler(req as AuthedRequest, res)).
func isReqArg(src []byte, n *Node, req string) bool {
	is, _ := throughReq(src, n, req)
	return is
}

// param returns where the name is a parameter of a layer, noArg if not.
func (w *wrapper) param(name string) argAt {
	for l, names := range w.layers {
		for i, n := range names {
			if n == name {
				return argAt{l, i}
			}
		}
	}
	return noArg
}

// readHandler reads the request handler the wrapper returns, whose
// parameters are req and res.
func (w *wrapper) readHandler(src []byte, fn *Node, req, res string) {
	body := fn.ChildByField("body")
	var call *Node
	// the call of the handler: handler(req, res), handler(req as AuthedRequest, res)
	body.Walk(func(n *Node) bool {
		if n.Kind != "call_expression" || w.handler != noArg {
			return w.handler == noArg
		}
		callee, args := n.ChildByField("function"), callArgs(n)
		if callee != nil && callee.Kind == "identifier" && len(args) >= 2 && isReqArg(src, args[0], req) && isIdent(src, args[1], res) {
			w.handler = w.param(callee.Text(src))
			w.extras = len(args) - 2
			call = n
		}
		return true
	})
	if w.handler == noArg {
		w.why = "routemod cannot see it call the handler with (req, res)"
		return
	}
	decs, why := readDecorations(src, fn, req, call)
	if why != "" {
		w.why = why
		return
	}
	for _, d := range decs {
		w.decorates = append(w.decorates, d.prop)
	}
	if len(decs) > 0 {
		w.why = "it sets req." + decs[0].prop + " before it calls the handler"
		return
	}
	why = w.readMethodsOnly(src, body, req, res)
	if why == "" {
		w.methodsOnly = true
		return
	}
	w.why = why
}

// readMethodsOnly reads a body that only refuses the other methods:
//
//	if (!methods.includes(req.method)) { res.setHeader("Allow", ...); return res.status(405).end() } return handler(req, res)
//	if (methods.includes(req.method)) return handler(req, res); res.status(405).json({ error: "..." })
//
// and returns "" when it is one, else what else it does.
func (w *wrapper) readMethodsOnly(src []byte, body *Node, req, res string) string {
	const other = "it does more than refuse the methods it is not given"
	if body.Kind != "statement_block" {
		return other
	}
	st := statements(body)
	if len(st) < 2 || st[0].Kind != "if_statement" || st[0].ChildByField("alternative") != nil {
		return other
	}
	list, neg, ok := w.methodTest(src, st[0].ChildByField("condition"), req)
	if !ok {
		return other
	}
	w.methods = list
	var rejectStmts []*Node
	cons := st[0].ChildByField("consequence")
	consStmts := []*Node{cons}
	if cons.Kind == "statement_block" {
		consStmts = statements(cons)
	}
	if neg {
		// if (not allowed) { reject } return handler(req, res)
		if len(st) != 2 || !w.callsHandler(src, st[1], req, res, true) {
			return other
		}
		rejectStmts = consStmts
	} else {
		// if (allowed) return handler(req, res); reject
		if len(consStmts) != 1 || !w.callsHandler(src, consStmts[0], req, res, false) {
			return other
		}
		rejectStmts = st[1:]
	}
	for l, names := range w.layers {
		for i := range names {
			if (argAt{l, i}) != w.handler && (argAt{l, i}) != w.methods {
				return "it takes arguments besides the handler and the methods"
			}
		}
	}
	return w.readReject(src, rejectStmts, req, res, neg)
}

// callsHandler reports whether st only hands the request to the handler
// and returns: return handler(req, res), return await handler(req, res),
// or (last) await handler(req, res).
func (w *wrapper) callsHandler(src []byte, st *Node, req, res string, last bool) bool {
	var e *Node
	switch st.Kind {
	case "return_statement":
		if len(st.NamedChildren()) != 1 {
			return false
		}
		e = st.NamedChildren()[0]
	case "expression_statement":
		if !last {
			return false
		}
		e = st.NamedChildren()[0]
	default:
		return false
	}
	e = codemod.Unparen(e)
	if e.Kind == "await_expression" {
		e = codemod.Unparen(e.NamedChildren()[0])
	}
	if e.Kind != "call_expression" {
		return false
	}
	callee, args := e.ChildByField("function"), callArgs(e)
	return callee.Kind == "identifier" && w.param(callee.Text(src)) == w.handler && len(args) == 2 && w.extras == 0 && isIdent(src, args[0], req) && isIdent(src, args[1], res)
}

// methodTest reads a test of req.method against a parameter: the
// parameter, and neg when the test is true for the methods refused.
//
//	!methods.includes(req.method)          => methods, neg
//	methods.indexOf(req.method) === -1     => methods, neg
//	!req.method || !methods.includes(...)  => methods, neg
//	req.method !== method                  => method (single), neg
func (w *wrapper) methodTest(src []byte, cond *Node, req string) (argAt, bool, bool) {
	cond = codemod.Unparen(cond)
	isMethod := func(n *Node) bool {
		n = codemod.Unparen(n)
		for n != nil {
			switch n.Kind {
			case "non_null_expression", "as_expression":
				n = codemod.Unparen(n.NamedChildren()[0])
				continue
			}
			break
		}
		if n == nil {
			return false
		}
		obj, prop, ok := member(src, n)
		return ok && prop == "method" && isIdent(src, obj, req)
	}
	includes := func(n *Node) (argAt, bool) {
		n = codemod.Unparen(n)
		if n.Kind != "call_expression" {
			return noArg, false
		}
		obj, prop, ok := member(src, n.ChildByField("function"))
		args := callArgs(n)
		if !ok || prop != "includes" || obj.Kind != "identifier" || len(args) != 1 || !isMethod(args[0]) {
			return noArg, false
		}
		a := w.param(obj.Text(src))
		return a, a != noArg
	}
	switch cond.Kind {
	case "unary_expression":
		if cond.ChildByField("operator") != nil && cond.ChildByField("operator").Text(src) == "!" {
			if a, ok := includes(cond.ChildByField("argument")); ok {
				return a, true, true
			}
		}
	case "call_expression":
		if a, ok := includes(cond); ok {
			return a, false, true
		}
	case "binary_expression":
		op := cond.ChildByField("operator").Text(src)
		l, r := codemod.Unparen(cond.ChildByField("left")), codemod.Unparen(cond.ChildByField("right"))
		switch op {
		case "||":
			// !req.method || !methods.includes(req.method)
			if l.Kind == "unary_expression" && l.ChildByField("operator").Text(src) == "!" && isMethod(l.ChildByField("argument")) {
				if a, neg, ok := w.methodTest(src, r, req); ok && neg {
					return a, true, true
				}
			}
		case "!==", "!=", "===", "==":
			neg := op == "!==" || op == "!="
			if isMethod(r) {
				l, r = r, l
			}
			if isMethod(l) && r.Kind == "identifier" {
				if a := w.param(r.Text(src)); a != noArg {
					w.single = true
					return a, neg, true
				}
			}
			// methods.indexOf(req.method) === -1
			if l.Kind == "call_expression" && (r.Text(src) == "-1") {
				obj, prop, ok := member(src, l.ChildByField("function"))
				args := callArgs(l)
				if ok && prop == "indexOf" && obj.Kind == "identifier" && len(args) == 1 && isMethod(args[0]) {
					if a := w.param(obj.Text(src)); a != noArg {
						return a, !neg, true
					}
				}
			}
		}
	}
	return noArg, false, false
}

// readReject reads what the wrapper answers a refused method: headers set
// on res, then one answer, returned (or followed by a bare return).
//
//	res.setHeader("Allow", methods.join(", ")); return res.status(405).end()
//	return res.status(404).json({ error: `Cannot ${req.method}` })
func (w *wrapper) readReject(src []byte, stmts []*Node, req, res string, mustReturn bool) string {
	const unclear = "routemod cannot read what it answers the other methods"
	if len(stmts) > 0 && stmts[len(stmts)-1].Kind == "return_statement" && len(stmts[len(stmts)-1].NamedChildren()) == 0 {
		stmts, mustReturn = stmts[:len(stmts)-1], false
	}
	if len(stmts) == 0 {
		return unclear
	}
	headers := false
	for _, st := range stmts[:len(stmts)-1] {
		// res.setHeader("Allow", ...)
		if st.Kind != "expression_statement" {
			return unclear
		}
		c := codemod.Unparen(st.NamedChildren()[0])
		obj, prop, ok := member(src, c.ChildByField("function"))
		if c.Kind != "call_expression" || !ok || prop != "setHeader" || !isIdent(src, obj, res) {
			return unclear
		}
		headers = true
	}
	last := stmts[len(stmts)-1]
	if mustReturn && last.Kind != "return_statement" {
		return unclear
	}
	if last.Kind != "return_statement" && last.Kind != "expression_statement" || len(last.NamedChildren()) != 1 {
		return unclear
	}
	// res.status(n).json(x), res.status(n).send("text"), res.status(n).end(), res.json(x)
	send := codemod.Unparen(last.NamedChildren()[0])
	if send.Kind != "call_expression" {
		return unclear
	}
	obj, verb, ok := member(src, send.ChildByField("function"))
	if !ok {
		return unclear
	}
	status := 200
	if obj = codemod.Unparen(obj); obj.Kind == "call_expression" {
		o, p, ok := member(src, obj.ChildByField("function"))
		a := callArgs(obj)
		if !ok || p != "status" || len(a) != 1 || a[0].Kind != "number" {
			return unclear
		}
		n, err := strconv.Atoi(a[0].Text(src))
		if err != nil {
			return unclear
		}
		status, obj = n, codemod.Unparen(o)
	}
	if !isIdent(src, obj, res) {
		return unclear
	}
	args := callArgs(send)
	r := rejection{status: status}
	switch {
	case verb == "end" && len(args) == 0:
		r.kind = "empty"
	case verb == "json" && len(args) == 1:
		r.kind = "json"
	case (verb == "send" || verb == "end") && len(args) == 1 && (args[0].Kind == "string" || args[0].Kind == "template_string"):
		r.kind = "text"
	default:
		return unclear
	}
	if status == 405 {
		w.reject = r // Next.js answers the methods a route does not export 405 itself
		return ""
	}
	if headers {
		return "it sets headers on its answer to the other methods (" + strconv.Itoa(status) + ")"
	}
	if len(args) == 1 {
		body, ok := constantBody(src, args[0], req)
		if !ok {
			return unclear
		}
		r.body, r.base = body, codemod.IndentAt(src, args[0].Start)
	}
	w.reject = r
	return ""
}

// constantBody returns the text of a rejection's body when it reads
// nothing but literals and req.method (written as reqMark.method).
func constantBody(src []byte, n *Node, req string) (string, bool) {
	ok := true
	var reqs []int
	n.Walk(func(c *Node) bool {
		switch c.Kind {
		case "call_expression", "new_expression", "this", "shorthand_property_identifier", "spread_element", "await_expression", "assignment_expression", "update_expression":
			ok = false
		case "member_expression":
			if obj, prop, isMember := member(src, c); isMember && isIdent(src, obj, req) && prop == "method" {
				reqs = append(reqs, obj.Start)
				return false
			}
		case "identifier":
			if t := c.Text(src); t != "undefined" {
				ok = false
			}
		}
		return ok
	})
	if !ok {
		return "", false
	}
	var sb strings.Builder
	at := n.Start
	for _, r := range reqs {
		sb.Write(src[at:r])
		sb.WriteString(reqMark)
		at = r + len(req)
	}
	sb.Write(src[at:n.End])
	return sb.String(), true
}

// wrapUse is a route's call of a project wrapper.
type wrapUse struct {
	w       *wrapper
	local   string   // the wrapper's name in the route file
	name    string   // the name of the app version it calls
	methods []string // the methods a method-checking wrapper lets through
	// base is the wrapper's name in the call; prefix and suffix are the
	// call's text around the handler: withRole("admin")( and ).
	base           *Node
	prefix, suffix [2]int
}

// unwrap reads the calls of project wrappers around the default export
// (export default withA(withB(handler))) and returns the handler they
// wrap, the one that only checks the method (nil when none: it must be
// the outermost) and the others, outermost first; "" and a reason to skip
// the file when one is not a project wrapper routemod can apply.
//
//	export default withMethods(["GET", "POST"], handler)  => handler, exported under GET and POST only
//	export default allowMethods(["GET"])(async (req, res) => {...}) => the arrow, under GET only
//	export default withAuth(withCache(handler))            => handler, each export wrapped in withAuth(withCache(...))
func (m *migration) unwrap(call *Node) (*Node, *wrapUse, []*wrapUse, string) {
	var methods *wrapUse
	var wraps []*wrapUse
	v := call
	for v.Kind == "call_expression" {
		var layers [][]*Node
		c := v
		for c.Kind == "call_expression" {
			layers = append([][]*Node{callArgs(c)}, layers...)
			c = codemod.Unparen(c.ChildByField("function"))
		}
		unknown := "the handler is wrapped in " + m.text(v.ChildByField("function")) + "(...); routemod cannot see what the wrapper does: unwrap it or migrate by hand"
		if c.Kind != "identifier" {
			return nil, nil, nil, unknown
		}
		local := m.text(c)
		file, name, _, ok := m.ix.Handles(m.f.Path, m.module(), local)
		if !ok || file == m.f.Path {
			return nil, nil, nil, unknown
		}
		w := m.wrappers.get(file, name)
		where := local + " (" + file + ")"
		if name != local {
			where = local + " (" + name + " in " + file + ")"
		}
		if w == nil || !w.methodsOnly && !w.apply {
			why := "routemod cannot read it"
			if w != nil && w.why != "" {
				why = w.why
			}
			return nil, nil, nil, "the handler is wrapped in " + where + ", the project's own wrapper: " + why + "; unwrap it or migrate by hand"
		}
		if len(layers) != len(w.layers) {
			return nil, nil, nil, "the handler is wrapped in " + where + " with " + strconv.Itoa(len(layers)) + " calls where it takes " + strconv.Itoa(len(w.layers)) + "; migrate by hand"
		}
		for l, args := range layers {
			if len(args) != len(w.layers[l]) {
				return nil, nil, nil, "the handler is wrapped in " + where + " with other arguments than it takes; migrate by hand"
			}
			for _, a := range args {
				if a.Kind == "spread_element" {
					return nil, nil, nil, "the handler is wrapped in " + where + " with spread arguments; migrate by hand"
				}
			}
		}
		arg := codemod.Unparen(layers[w.handler.layer][w.handler.index])
		for arg.Kind == "as_expression" || arg.Kind == "satisfies_expression" {
			arg = codemod.Unparen(arg.NamedChildren()[0])
		}
		u := &wrapUse{w: w, local: local, base: c, prefix: [2]int{v.Start, arg.Start}, suffix: [2]int{arg.End, v.End}}
		if w.methodsOnly {
			if methods != nil || len(wraps) > 0 {
				// withAuth(withMethods(["GET"], h)): a refused method met withAuth first
				return nil, nil, nil, "the handler is wrapped in " + where + " inside another wrapper, which ran first for the methods it refuses; put it outermost, or migrate by hand"
			}
			ms, ok := m.methodList(layers[w.methods.layer][w.methods.index], w.single)
			if !ok {
				return nil, nil, nil, "the handler is wrapped in " + where + ", and routemod cannot read the methods it is given (" + m.text(layers[w.methods.layer][w.methods.index]) + "): write them as a list of method names, or migrate by hand"
			}
			u.methods = ms
			methods = u
		} else {
			wraps = append(wraps, u)
		}
		v = arg
	}
	return v, methods, wraps, ""
}

// methodList reads the methods a route hands a method-checking wrapper:
// ["GET", "POST"] (as const too), or "GET" for one compared with ===.
func (m *migration) methodList(n *Node, single bool) ([]string, bool) {
	n = codemod.Unparen(n)
	for n.Kind == "as_expression" || n.Kind == "satisfies_expression" {
		n = codemod.Unparen(n.NamedChildren()[0])
	}
	var items []*Node
	switch {
	case single:
		items = []*Node{n}
	case n.Kind == "array":
		items = n.NamedChildren()
	default:
		return nil, false
	}
	var out []string
	for _, it := range items {
		if it.Kind == "comment" {
			continue
		}
		s, ok := stringValue(m.src, it)
		if !ok || !isHTTPMethod(s) {
			return nil, false
		}
		if !contains(out, s) {
			out = append(out, s)
		}
	}
	return sortMethods(out), true
}

// restrictToWrapper keeps, of the output functions, the methods the
// wrapper lets through; a wrapper that answered the others with something
// else than 405 keeps that answer for them.
//
//	withMethods(["GET"], handler) (the others: 405) => export GET only
//	withMethods(["GET"], handler) (the others: 404 { error }) => GET, and PUT (and aliases) answering Response.json({ error }, { status: 404 })
func (m *migration) restrictToWrapper() {
	u := m.h.wrap
	var funcs []*outFunc
	for _, fn := range m.funcs {
		var keep []string
		for _, meth := range fn.methods {
			if contains(u.methods, meth) {
				keep = append(keep, meth)
			}
		}
		if len(keep) > 0 {
			fn.methods = keep
			funcs = append(funcs, fn)
		}
	}
	m.funcs = funcs
	r := u.w.reject
	where := u.local + " (" + u.w.file + ")"
	if r.status == 405 {
		m.f.Note("%s let only %s through and answered the other methods 405: they are not exported, and Next.js answers them 405 itself", where, strings.Join(u.methods, ", "))
		return
	}
	var rest []string
	for _, meth := range servedByDefault {
		if !contains(u.methods, meth) {
			rest = append(rest, meth)
		}
	}
	if m.answersPreflight() && !contains(u.methods, "OPTIONS") {
		rest = append(rest, "OPTIONS")
	}
	if len(rest) == 0 {
		return
	}
	var answer string
	body := strings.ReplaceAll(r.body, reqMark, m.h.req)
	body = strings.ReplaceAll(body, "\n"+r.base, "\n"+m.f.Style.Indent) // its lines keep their place under return
	opts := ""
	if r.status != 200 {
		opts = ", { status: " + strconv.Itoa(r.status) + " }"
	}
	switch r.kind {
	case "json":
		answer = "Response.json(" + body + opts + ")"
	case "text":
		answer = "new Response(" + body + opts + ")"
	default:
		answer = "new Response(null" + opts + ")"
	}
	m.funcs = append(m.funcs, &outFunc{methods: rest, lines: []string{"return " + answer + m.semi()}})
	m.f.Note("%s let only %s through and answered the other methods %d: %s keep that answer", where, strings.Join(u.methods, ", "), r.status, strings.Join(rest, ", "))
}

// unwrapped reports whether local is the wrapper the handler was taken out
// of, whose import goes once nothing else uses it.
func (m *migration) unwrapped(local string) bool {
	if m.unimported(local) {
		return true // the next-connect router's nc or createRouter (nextconnect.go)
	}
	if m.h == nil || m.h.wrap == nil || m.h.wrap.local != local {
		return false
	}
	var keep []*Node // the import statements and the wrapper's call: uses that go
	for _, st := range m.f.Root.Children {
		if st.Kind == "import_statement" {
			keep = append(keep, st)
		}
	}
	return m.otherUses(local, append(keep, m.h.wrap.base)...) == nil
}

// stays reports whether the planned route rel certainly stays where it
// is (project.Index.Stays), a route wrapped in a project wrapper routemod
// applies aside.
func (m *migration) stays(rel string) bool {
	if !m.ix.Stays(rel) {
		return false
	}
	file, name, ok := m.ix.WrapperOf(rel)
	if !ok {
		return true
	}
	w := m.wrappers.get(file, name)
	return w == nil || !w.methodsOnly && !w.apply && w.handlerAt() == noArg
}

// wrapPrefix and wrapSuffix are the text of the wrappers' calls around
// each export, outermost first: withAuth(withRole("admin")( and )).
func (m *migration) wrapPrefix() string {
	var sb strings.Builder
	for _, u := range m.h.wraps {
		sb.Write(m.src[u.prefix[0]:u.prefix[1]])
	}
	return sb.String()
}

func (m *migration) wrapSuffix() string {
	var sb strings.Builder
	for i := len(m.h.wraps) - 1; i >= 0; i-- {
		u := m.h.wraps[i]
		sb.Write(m.src[u.suffix[0]:u.suffix[1]])
	}
	return sb.String()
}

// wrapperImports renames, in the route, the imports of the wrappers whose
// app version is added beside the pages one: the route calls the new one
// under the local name it had.
//
//	import { withAuth } from "../lib/auth"         => import { withAuthRoute as withAuth } from "../lib/auth"
//	import { withAuth as auth } from "../lib/auth" => import { withAuthRoute as auth } from "../lib/auth"
//	import withAuth from "../lib/auth"            => import { withAuthRoute as withAuth } from "../lib/auth"
//
// It returns why the route cannot call it so ("" when it can).
func (m *migration) wrapperImports() string {
	for _, u := range m.h.wraps {
		u.name = m.wrappers.appName(u.w)
		m.wrappers.record(m.f.Path, u.w, u.name)
		m.f.DependOnSettle()
		var keep []*Node
		for _, v := range m.h.wraps {
			keep = append(keep, v.base)
		}
		found := false
		for _, imp := range m.importStatements() {
			for _, s := range imp.specs {
				if s.local == u.local {
					found = true
					if u.name != u.w.name {
						if m.specRenames == nil {
							m.specRenames = map[*Node]string{}
						}
						m.specRenames[s.node] = u.name + " as " + u.local
					}
				}
			}
			if imp.defaultName == u.local {
				found = true
				if u.name != u.w.name {
					if imp.named != nil {
						return "it imports " + u.local + " as a default import beside named ones; routemod adds the app version beside it as " + u.name
					}
					m.defaultRenames = append(m.defaultRenames, [2]string{u.local, u.name})
				}
			}
			keep = append(keep, imp.node)
		}
		if !found {
			return "routemod cannot find its import of " + u.local
		}
		if n := m.otherUses(u.local, keep...); n != nil {
			line, _ := codemod.LineCol(m.src, n.Start)
			return "it uses " + u.local + " on line " + strconv.Itoa(line) + " besides wrapping its handler"
		}
	}
	return ""
}

// specText is an import specifier as the route now writes it.
func (m *migration) specText(s importSpec) string {
	if t, ok := m.specRenames[s.node]; ok {
		return t
	}
	return m.text(s.node)
}

// renameSpecs writes the renames of an import statement left as it is.
func (m *migration) renameSpecs(imp importStmt) {
	for _, s := range imp.specs {
		if t, ok := m.specRenames[s.node]; ok {
			m.f.ReplaceNode(s.node, t)
		}
	}
	for _, r := range m.defaultRenames {
		if imp.defaultName == r[0] && imp.named == nil {
			// import withAuth from "m" => import { withAuthRoute as withAuth } from "m"
			cl := imp.node.ChildOfKind("import_clause")
			m.f.ReplaceNode(cl, "{ "+r[1]+" as "+r[0]+" }")
		}
	}
}

// handlerAt is the parameter that takes the handler: the one the wrapper
// hands the request to, else the lone parameter of its last call.
func (w *wrapper) handlerAt() argAt {
	if w.handler != noArg {
		return w.handler
	}
	if n := len(w.layers); n > 0 && len(w.layers[n-1]) == 1 {
		return argAt{n - 1, 0}
	}
	return noArg
}

// refusedWrapper reads export default withTiming(handler) where
// withTiming is a project wrapper routemod cannot rewrite for route
// handlers: it returns the handler, to migrate without it, and the one
// TODO that names the wrapper and why; nil when the call is not that.
//
//	export default withTiming(handler) => export function GET(...) {...} under // TODO(routemod): this handler was wrapped in withTiming (lib/t.ts), ...
func (m *migration) refusedWrapper(call *Node) (*Node, string) {
	var layers [][]*Node
	c := call
	for c.Kind == "call_expression" {
		layers = append([][]*Node{callArgs(c)}, layers...)
		c = codemod.Unparen(c.ChildByField("function"))
	}
	if c.Kind != "identifier" {
		return nil, ""
	}
	local := m.text(c)
	file, name, _, ok := m.ix.Handles(m.f.Path, m.module(), local)
	if !ok || file == m.f.Path {
		return nil, ""
	}
	w := m.wrappers.get(file, name)
	if w == nil || w.methodsOnly || w.apply || w.why == "" || w.extras > 0 {
		return nil, "" // a handler it hands more than req and res needs it
	}
	at := w.handlerAt()
	if at == noArg || len(layers) != len(w.layers) {
		return nil, ""
	}
	for l, args := range layers {
		if len(args) != len(w.layers[l]) {
			return nil, ""
		}
	}
	arg := codemod.Unparen(layers[at.layer][at.index])
	for arg.Kind == "as_expression" || arg.Kind == "satisfies_expression" {
		arg = codemod.Unparen(arg.NamedChildren()[0])
	}
	switch arg.Kind {
	case "identifier", "arrow_function", "function_expression", "function":
	default:
		return nil, ""
	}
	return arg, "this handler was wrapped in " + local + " (" + file + "), which routemod cannot rewrite for route handlers: " + w.why + "; these exports no longer run it: wrap them in a route-handler version of it by hand"
}
