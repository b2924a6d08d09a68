package transforms

import (
	"fmt"
	"slices"
	"strings"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/project"
)

// wrapperShape is where a wrapper's parts are in one parse of its module.
type wrapperShape struct {
	stmt   *Node   // the module-level statement that defines it
	name   *Node   // its name in that statement
	layers []*Node // the functions of its call layers, outermost first
	inner  *Node   // the request handler it returns: (req, res) => ...
	call   *Node   // the call of the handler: handler(req, res, ...)
}

// shape finds the parts of w in the module parse root, nil when its
// definition is not what read saw.
func (w *wrapper) shape(src []byte, root *Node) *wrapperShape {
	fn := moduleFunction(src, root, w.name)
	if fn == nil {
		return nil
	}
	s := &wrapperShape{}
	for _, st := range root.Children {
		if st.Contains(fn) {
			s.stmt = st
		}
	}
	if n := fn.ChildByField("name"); n != nil && fn.Kind == "function_declaration" {
		s.name = n
	} else if d := fn.Parent; d != nil {
		for d != nil && d.Kind != "variable_declarator" {
			d = d.Parent
		}
		if d != nil {
			s.name = d.ChildByField("name")
		}
	}
	for range w.layers {
		s.layers = append(s.layers, fn)
		fn = returnedFunction(fn.ChildByField("body"))
		if fn == nil {
			return nil
		}
	}
	s.inner = fn
	ps, _ := plainParams(src, fn)
	if len(ps) != 2 || s.stmt == nil || s.name == nil {
		return nil
	}
	req, res := ps[0], ps[1]
	fn.ChildByField("body").Walk(func(n *Node) bool {
		if s.call != nil {
			return false
		}
		if n.Kind == "call_expression" {
			callee, args := n.ChildByField("function"), callArgs(n)
			if callee != nil && callee.Kind == "identifier" && len(args) >= 2 && w.param(callee.Text(src)) == w.handler && isReqArg(src, args[0], req) && isIdent(src, args[1], res) {
				s.call = n
			}
		}
		return true
	})
	if s.call == nil {
		return nil
	}
	return s
}

// appWrapper writes the route-handler version of the wrapper w on f, a
// parse of its module: in place, or (beside != "") as a new function of
// that name after the pages one, which stays as it is. The request and
// response rules run on the request handler it returns, as on a route's;
// the call of the handler hands on the route context in place of res, and
// returns the handler's Response. It returns why it cannot, "" when done.
//
//	export function withAuth(handler: NextApiHandler): NextApiHandler {
//	  return async (req, res) => { if (!ok(req.headers.authorization)) return res.status(401).json(e); return handler(req, res) } }
//	=> export function withAuth<C>(handler: (req: NextRequest, ctx: C) => Response | Promise<Response>) {
//	  return async (req: NextRequest, ctx: C) => { if (!ok(req.headers.get("authorization"))) return Response.json(e, { status: 401 }); return handler(req, ctx) } }
func appWrapper(f *codemod.File, ix *project.Index, w *wrapper, beside string) string {
	m := newMigration(f)
	m.ix = ix
	if why := m.appWrapper(w, beside); why != "" {
		return why
	}
	w.calls = m.remoteKeys()
	f.SetTransform("types")
	rewriteTypes(m)
	f.Check = m.lastCheck()
	return ""
}

// appModule writes the app versions of the wrappers ws of one module on f,
// each in place or beside the pages one (besides), and its imports; a
// wrapper it cannot write (the module changed since the plan) panics: the
// driver reports the change failed and holds back its routes.
func appModule(f *codemod.File, ix *project.Index, ws []*wrapper, besides map[*wrapper]string) {
	m := newMigration(f)
	m.ix = ix
	for _, w := range ws {
		if why := m.appWrapper(w, besides[w]); why != "" {
			panic(w.name + ": " + why)
		}
	}
	f.SetTransform("types")
	rewriteTypes(m)
	f.Check = m.lastCheck()
}

// appWrapper writes one wrapper's app version with m, on m's file.
func (m *migration) appWrapper(w *wrapper, beside string) string {
	f := m.f
	s := w.shape(m.src, f.Root)
	if s == nil {
		return "routemod cannot find it as it read it"
	}
	inner := s.inner
	body := inner.ChildByField("body")
	ps, _ := plainParams(m.src, inner)
	h := &handler{fn: inner, body: body, req: ps[0], res: ps[1], async: inner.ChildOfKind("async") != nil, start: inner.Start, end: inner.End,
		arrow: inner.Kind == "arrow_function", indent: codemod.IndentAt(m.src, inner.Start)}
	m.h = h
	expr := body.Kind != "statement_block"
	if expr {
		// (req, res) => ok ? handler(req, res) : res.status(401).end() => (req, ctx) => { return ok ? handler(req, ctx) : new Response(null, { status: 401 }); }
		m.funcs = []*outFunc{{methods: []string{""}, expr: body}}
		m.endContainers = map[*Node]bool{}
	} else {
		m.funcs = []*outFunc{{methods: []string{""}, parts: []part{m.bodyPart(body)}, tail: body}}
		m.endContainers = map[*Node]bool{body: true}
	}
	if w.plan != nil {
		// const user = await getUser(req) => const user = await getUserApp(req) (a planned helper)
		m.plan, m.wrapperAt, m.wrapperBeside = w.plan, s.stmt, beside != ""
		m.remote = nil
		m.findRemoteHelpers()
	}
	ctx := m.name("ctx", "ctx", "context", "routeContext")
	h.ctx = ctx
	// handler(req, res, ...) => handler(req, ctx, ...): the route handler's Response is returned
	args := callArgs(s.call)
	if m.wrapped == nil {
		m.wrapped, m.libTaken = map[string]bool{}, map[int]bool{}
	}
	m.wrapped[m.text(s.call.ChildByField("function"))] = true
	m.libTaken[args[0].Start], m.libTaken[args[1].Start] = true, true
	f.SetTransform("wrapper")
	if !isIdent(m.src, args[0], h.req) {
		// handler(req as AuthedRequest, res) => handler(req, ctx): the cast named a pages request
		f.ReplaceNode(args[0], h.req)
	}
	decs, why := readDecorations(m.src, inner, h.req, s.call)
	if why != "" {
		return why
	}
	m.decorArg = ""
	if len(decs) > 0 {
		// (req as AuthedRequest).user = user; return handler(req, res) => return handler(req, ctx, { user })
		if _, callType := throughReq(m.src, args[0], h.req); callType != "" {
			for i := range decs {
				if decs[i].typ == "" {
					decs[i].typ = callType // handler(req as AuthedRequest, res)
				}
			}
		}
		m.decorArg = m.handOnDecorations(inner, decs)
		last := args[len(args)-1]
		if len(args) > 2 {
			f.Insert(last.End, ", "+m.decorArg)
		}
	}
	if len(decs) > 0 && len(args) == 2 {
		f.ReplaceNode(args[1], ctx+", "+m.decorArg)
	} else {
		f.ReplaceNode(args[1], ctx)
	}
	top := s.call
	if p := top.Parent; p != nil && p.Kind == "await_expression" {
		top = p
	}
	stmt := top.Parent
	switch p := stmt; {
	case expr:
		if !returnedBy(top, body) {
			return "it uses what the handler returns"
		}
		if !m.sendsInEveryBranch(body) {
			// ok ? handler(req, res) : undefined: pages never answered there
			return "a branch of the expression it returns neither sends a response nor calls the handler"
		}
		stmt = body
	case p != nil && p.Kind == "return_statement":
	case p != nil && p.Kind == "expression_statement" && p.Parent == body && statements(body)[len(statements(body))-1] == p:
		// await handler(req, res) (the last statement) => return await handler(req, ctx)
		callee := s.call.ChildByField("function")
		f.Replace(p.Start, callee.End, "return "+string(m.src[p.Start:callee.End]))
	default:
		return "it uses what the handler returns, or runs code after it"
	}
	if why := m.readsSegment(w); why != "" {
		return why
	}
	if m.setsStatus() {
		return "it sets the status before it calls the handler, which answers with its own"
	}
	if doc := m.docAbove(s.stmt); doc != nil && !f.TypeScript && strings.Contains(m.text(doc), "NextApi") {
		// /** @param {import("next").NextApiHandler} handler */ would type the app version as a pages one
		return "its doc comment types it with the pages-router types"
	}
	for _, t := range Catalog {
		if t.Name == "request" || t.Name == "response" {
			f.SetTransform(t.Name)
			t.run(m)
			if f.Skipped() != "" {
				return f.Skipped()
			}
		}
	}
	f.SetTransform("wrapper")
	if fn := m.funcs[0]; fn.statusVar {
		return "it sets the status before it calls the handler, which answers with its own"
	} else if fn.headersVar && expr {
		return "it sets headers in the expression that calls the handler"
	} else if fn.headersVar {
		m.handOnHeaders(stmt, s.call, ctx)
	}
	if f.TypeScript {
		if why := m.retypeWrapper(w, s, ctx, decs); why != "" {
			return why
		}
	}
	if err := m.compose(); err != nil {
		panic(err)
	}
	name := w.name
	if beside != "" {
		m.moveBeside(s, beside)
		name = beside
	}
	m.written = append(m.written, written{name: name, req: h.req, res: h.res, layers: len(w.layers)})
	return ""
}

// retypeWrapper types the app version: the handler parameter takes a
// route handler (with the extra arguments the wrapper hands it), each
// layer's return type goes (it named a pages handler), and the layer that
// takes the handler gets a type parameter for the route context.
//
//	function withAuth(handler: NextApiHandler): NextApiHandler => function withAuth<C>(handler: (req: NextRequest, ctx: C) => Response | Promise<Response>)
func (m *migration) retypeWrapper(w *wrapper, s *wrapperShape, ctx string, decs []decoration) string {
	layer := s.layers[w.handler.layer]
	param := paramNodes(layer)[w.handler.index]
	ann := param.ChildByField("type")
	extras := ""
	if n := len(callArgs(s.call)); n > 2 {
		ft := m.functionType(ann)
		if ft == nil {
			return "routemod cannot read the types of the arguments it hands the handler besides req and res"
		}
		fps := paramNodes(ft)
		if len(fps) != n {
			return "the type of its handler parameter does not match the arguments it hands it"
		}
		for _, p := range fps[2:] {
			extras += ", " + m.text(p)
		}
	}
	if len(decs) > 0 {
		// (req as AuthedRequest).user = user => extra: { user: AuthedRequest["user"] }
		_, callType := throughReq(m.src, callArgs(s.call)[0], m.h.req)
		paramType := ""
		if p := paramNodes(s.inner)[0]; p.ChildByField("type") != nil {
			paramType = strings.TrimSpace(strings.TrimPrefix(m.text(p.ChildByField("type")), ":"))
		}
		t, why := m.decorationsType(decs, callType, paramType)
		if why != "" {
			return why
		}
		extras += ", " + m.name("extraArg", "extra", "decorations") + ": " + t
	}
	c := m.name("ctxType", "C", "Ctx", "RouteContext")
	m.use("next/server", "NextRequest", false)
	typ := ": (req: NextRequest, " + ctx + ": " + c + extras + ") => Response | Promise<Response>"
	if ann != nil {
		m.f.ReplaceNode(ann, typ)
	} else {
		id := param.ChildByField("pattern")
		m.f.Insert(id.End, typ)
	}
	// the type parameter, on the layer that takes the handler
	tp := layer.ChildByField("type_parameters")
	switch {
	case tp != nil:
		last := tp.NamedChildren()[len(tp.NamedChildren())-1]
		dflt := ""
		for _, p := range tp.NamedChildren() {
			if p.ChildByField("value") != nil {
				dflt = " = unknown" // a required type parameter cannot follow an optional one
			}
		}
		m.f.Insert(last.End, ", "+c+dflt)
	case layer.Kind == "function_declaration":
		m.f.Insert(layer.ChildByField("name").End, "<"+c+">")
	default:
		params := layer.ChildByField("parameters")
		if params == nil {
			return "its handler parameter has no parentheses"
		}
		if strings.HasSuffix(m.f.Path, ".tsx") {
			m.f.Insert(params.Start, "<"+c+",>") // <C>( would open a JSX element
		} else {
			m.f.Insert(params.Start, "<"+c+">")
		}
	}
	// the return types named pages handlers
	for _, l := range s.layers {
		if rt := l.ChildByField("return_type"); rt != nil {
			m.f.Replace(rt.Start, rt.End, "")
		}
	}
	return ""
}

// functionType returns the function type a type annotation names: written
// inline, or a type alias of this module.
func (m *migration) functionType(ann *Node) *Node {
	if ann == nil {
		return nil
	}
	t := ann
	if t.Kind == "type_annotation" {
		t = t.NamedChildren()[0]
	}
	for t != nil && t.Kind == "parenthesized_type" {
		t = t.NamedChildren()[0]
	}
	if t == nil {
		return nil
	}
	if t.Kind == "function_type" {
		return t
	}
	if t.Kind != "type_identifier" {
		return nil
	}
	for _, st := range m.f.Root.Children {
		d := st
		if st.Kind == "export_statement" {
			if x := st.ChildByField("declaration"); x != nil {
				d = x
			}
		}
		if d.Kind == "type_alias_declaration" && m.text(d.ChildByField("name")) == m.text(t) && d.ChildByField("type_parameters") == nil {
			if v := d.ChildByField("value"); v != nil && v.Kind == "function_type" {
				return v
			}
		}
	}
	return nil
}

// moveBeside turns the in-place edits of the wrapper's statement into a
// copy of its declaration under the name beside, exported, after it: the
// pages version stays.
//
//	export default function withAuth(h) {...} => (kept) + export function withAuthRoute(h) {...}
func (m *migration) moveBeside(s *wrapperShape, beside string) {
	f := m.f
	f.ReplaceNode(s.name, beside)
	decl := s.stmt
	if d := s.stmt.ChildByField("declaration"); d != nil && s.stmt.Kind == "export_statement" {
		decl = d
	}
	var inside, rest []codemod.Edit
	for _, e := range f.Edits() {
		if e.Start >= decl.Start && e.End <= decl.End {
			inside = append(inside, shift(e, -decl.Start))
		} else {
			rest = append(rest, e)
		}
	}
	sorted, err := codemod.SortEdits(inside)
	if err != nil {
		panic(err)
	}
	text, err := codemod.ApplyEdits(m.src[decl.Start:decl.End], sorted)
	if err != nil {
		panic(err)
	}
	eol := f.Style.EOL
	f.SetEdits(append(rest, codemod.Edit{Start: s.stmt.End, End: s.stmt.End, New: eol + eol + "export " + string(text), By: "wrapper"}))
}

// shift moves an edit by d bytes.
func shift(e codemod.Edit, d int) codemod.Edit {
	e.Start += d
	e.End += d
	return e
}

// wrapperHead is the head compose writes for a wrapper's request handler.
//
//	async (req, res) => { => async (req: NextRequest, ctx: C) => {
func (m *migration) wrapperHead(async bool) string {
	h := m.h
	var sb strings.Builder
	if async {
		sb.WriteString("async ")
	}
	sig := h.req + ", " + h.ctx
	if m.f.TypeScript {
		sig = h.req + ": NextRequest, " + h.ctx + ": " + m.fresh["ctxType"]
	}
	if h.arrow {
		sb.WriteString("(" + sig + ") => {")
	} else {
		sb.WriteString("function ")
		if n := h.fn.ChildByField("name"); n != nil {
			sb.WriteString(m.text(n))
		}
		sb.WriteString("(" + sig + ") {")
	}
	return sb.String()
}

// trial writes w's route-handler version once, on the parse root of its
// module, and says why it cannot be applied ("" when it can): appWrapper
// refused, or what it wrote carries a marker, its own or the last
// check's.
func (w *wrapper) trial(p *codemod.Parser, ix *project.Index, src []byte, root *Node, tsx bool) (why string) {
	defer func() {
		if v := recover(); v != nil {
			why = fmt.Sprintf("routemod failed on it (%v)", v)
		}
	}()
	f := &codemod.File{Path: w.file, Src: src, Root: root, TypeScript: !tsx || strings.HasSuffix(w.file, ".tsx"), Style: codemod.DetectStyle(src), NextMajor: 16}
	if why := appWrapper(f, ix, w, ""); why != "" {
		return why
	}
	sorted, err := codemod.SortEdits(f.Edits())
	if err != nil {
		return "routemod cannot write it (" + err.Error() + ")"
	}
	out, err := codemod.ApplyEdits(src, sorted)
	if err != nil {
		return "routemod cannot write it (" + err.Error() + ")"
	}
	if f.Check != nil {
		oroot, err := p.Parse(out, tsx)
		if err != nil {
			return "what routemod writes for it does not parse"
		}
		of := &codemod.File{Path: w.file, Src: out, Root: oroot, TypeScript: f.TypeScript, Style: f.Style, NextMajor: 16}
		f.Check(of)
		if len(of.Edits()) > 0 {
			checked, err := codemod.SortEdits(of.Edits())
			if err != nil {
				return "routemod cannot write it"
			}
			if out, err = codemod.ApplyEdits(out, checked); err != nil {
				return "routemod cannot write it"
			}
		}
	}
	if todos := codemod.FindTODOs(out); len(todos) > 0 {
		return "its body has what routemod cannot translate with the same meaning (" + todos[0].Text + ")"
	}
	return ""
}

// readsSegment says why a wrapper that reads req.query cannot be written
// with the request rules, "" when it does not: pages put a route's path
// segments ([id]) in req.query, where a route handler gets them in its
// params, so a key that is a segment of a route it wraps would be read from
// the query string.
//
//	req.query.projectId (wraps pages/api/projects/[projectId].ts) => refused
func (m *migration) readsSegment(w *wrapper) string {
	segs := map[string]string{}
	for _, r := range m.ix.WrapperRoutes(w.file, w.name) {
		for _, s := range codemod.RouteSegments(r) {
			segs[s.Name] = r
		}
	}
	why := ""
	references(m.src, m.h.fn, m.h.req, func(r *Node) {
		if pat := destructured(r); pat != nil && len(segs) > 0 && strings.Contains(m.text(pat), "query") && why == "" {
			why = "it reads req.query as a whole, and routes it wraps take values from their paths, which a route handler gets in its params"
		}
		mem, prop, ok := memberOf(m, r)
		if !ok || prop != "query" || why != "" {
			return
		}
		p := mem.Parent
		if _, key, ok := member(m.src, p); ok && p.ChildByField("object") == mem {
			if route, seg := segs[key]; seg {
				why = "it reads req." + "query." + key + ", which " + route + " takes from its path: a route handler gets it in its params"
			}
			return
		}
		if len(segs) > 0 {
			why = "it reads req.query as a whole, and routes it wraps take values from their paths, which a route handler gets in its params"
		}
	})
	return why
}

// handOnHeaders rewrites the call of the handler in a wrapper that sets
// headers on res before it: they go on the handler's Response, unless the
// handler set the same header (in pages its setHeader replaced the
// wrapper's). The Response is copied first: one from fetch or
// Response.redirect has headers that cannot be changed. The wrapper's
// cookies go on, each one, unless the handler set cookies of its own.
//
//	res.setHeader("Cache-Control", "s-maxage=60"); return handler(req, res)
//	=> headers.set("Cache-Control", "s-maxage=60");
//	   const handled = await handler(req, ctx);
//	   const response = new Response(handled.body, handled);
//	   headers.forEach((value, key) => { if (!response.headers.has(key)) response.headers.set(key, value) });
//	   return response;
func (m *migration) handOnHeaders(stmt, call *Node, ctx string) {
	f := m.f
	f.SetEdits(slices.DeleteFunc(f.Edits(), func(e codemod.Edit) bool { return e.Start >= stmt.Start && e.End <= stmt.End }))
	var args []string
	for i, a := range callArgs(call) {
		switch i {
		case 0:
			args = append(args, m.h.req)
		case 1:
			args = append(args, ctx)
		default:
			args = append(args, m.text(a))
		}
	}
	if m.decorArg != "" {
		args = append(args, m.decorArg)
	}
	handled, response := m.name("handled", "handled", "handlerResponse"), m.name("response", "response", "wrappedResponse")
	headers := m.headersName()
	ind := codemod.IndentAt(m.src, stmt.Start)
	eol, semi := f.Style.EOL, m.semi()
	lines := []string{
		"const " + handled + " = await " + m.text(call.ChildByField("function")) + "(" + strings.Join(args, ", ") + ")" + semi,
		"const " + response + " = new Response(" + handled + ".body, " + handled + ")" + semi,
		headers + ".forEach((value, key) => {",
		f.Style.Indent + "if (!" + response + ".headers.has(key)) " + response + ".headers.set(key, value)" + semi,
		"})" + semi,
		"return " + response + semi,
	}
	if m.mayWriteSetCookie() {
		// forEach gives each Set-Cookie apart: the first set would hide the others
		//	=> const handlerCookies = response.headers.has("set-cookie");
		//	   headers.forEach((value, key) => { if (key === "set-cookie" ? !handlerCookies : !response.headers.has(key)) response.headers.append(key, value) });
		cookies := m.name("handlerCookies", "handlerCookies", "handledCookies")
		lines = slices.Insert(lines, 2, "const "+cookies+" = "+response+".headers.has(\"set-cookie\")"+semi)
		lines[4] = f.Style.Indent + "if (key === \"set-cookie\" ? !" + cookies + " : !" + response + ".headers.has(key)) " + response + ".headers.append(key, value)" + semi
	}
	f.Replace(stmt.Start, stmt.End, strings.Join(lines, eol+ind))
	m.h.async = true
}

// docAbove returns the comment right above the module-level statement st,
// nil when none.
func (m *migration) docAbove(st *Node) *Node {
	var prev *Node
	for _, c := range m.f.Root.Children {
		if c == st {
			break
		}
		prev = c
	}
	if prev == nil || prev.Kind != "comment" || strings.TrimSpace(string(m.src[prev.End:st.Start])) != "" {
		return nil
	}
	return prev
}

// setsStatus reports whether the wrapper's request handler sets a status
// on res that is not part of a send (res.status(201); res.statusCode = 201;
// res.writeHead(201)): in pages the handler's answer took it, which its
// app version cannot give the handler's Response.
func (m *migration) setsStatus() bool {
	found := false
	references(m.src, m.h.fn, m.h.res, func(r *Node) {
		mem, prop, ok := memberOf(m, r)
		if !ok || found {
			return
		}
		switch prop {
		case "statusCode", "statusMessage", "writeHead":
			found = true
		case "status":
			// res.status(n) on its own, not res.status(n).json(x)
			call := mem.Parent
			if call != nil && call.Kind == "call_expression" {
				if p := call.Parent; p == nil || p.Kind != "member_expression" {
					found = true
				}
			}
		}
	})
	return found
}

// returnedBy reports whether the value of e is what the expression body
// of an arrow function returns: e is body, or a branch of a conditional
// that is, parentheses aside.
//
//	(req, res) => ok ? handler(req, res) : deny(res) => handler(req, res) is returned
//	(req, res) => ok && handler(req, res)            => it is not (false may be returned)
func returnedBy(e, body *Node) bool {
	for n := e; n != body; n = n.Parent {
		p := n.Parent
		switch {
		case p == nil:
			return false
		case p.Kind == "parenthesized_expression":
		case p.Kind == "ternary_expression" && n.Field != "condition":
		default:
			return false
		}
	}
	return true
}
