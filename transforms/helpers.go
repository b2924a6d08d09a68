package transforms

import (
	"slices"
	"strings"
)

// frame is one function the request and response transforms rewrite: the
// handler, or a module-level helper it hands res to.
type frame struct {
	h     *handler
	funcs []*outFunc
	ends  map[*Node]bool
	// call is the name its callers call it by, when that is not the name
	// they spell: a project helper's app version added beside the pages
	// one (okResponse).
	call string
	// awaits is set for a request-reading helper whose app version is
	// async where the pages one was not (helperreader.go).
	awaits bool
	// setting is what a decorating guard helper sets on its request.
	setting *decoration
	// ownHeaders is set for a helper that sets headers on the Response it
	// answers with itself: the headers its caller set before it cannot be
	// merged into that Response (see mergeHeaders).
	ownHeaders bool
}

// findHelpers finds module-level functions the handler passes res to, that
// can become functions returning a Response:
//
//	case "GET": return getUser(req, res)  + function getUser(req, res) { res.json(u) }
//	  => case body: return getUser(req)    + function getUser(req: NextRequest) { return Response.json(u) }
//	sendError(res, 400, "bad") + function sendError(res, status, msg) { res.status(status).json({ msg }) }
//	  => return sendError(400, "bad")      + function sendError(status, msg) { return Response.json({ msg }, { status }) }
//
// A helper qualifies when every use of it is a call from the handler that
// passes res (and req, if at all) at the same positions, it is not
// exported, and it returns nothing but responses.
func (m *migration) findHelpers() {
	if m.h.res == "" {
		return
	}
	uses := m.identUses()
	callers := &callerIndex{byTop: map[*Node][]*handler{}}
	callers.add(m.h)
	for _, h := range m.chainHandlers() {
		if h != m.h {
			callers.add(h) // a helper may serve several routes of a next-connect router
		}
	}
	for _, fr := range m.helpers {
		callers.add(fr.h)
	}
	tried := map[string]bool{}
	// Each caller is walked once, in the order it was found: a name is
	// tried once, so walking a caller again finds nothing new.
	for k := 0; k < len(callers.all); k++ {
		callers.all[k].fn.Walk(func(n *Node) bool {
			if n.Kind != "call_expression" {
				return true
			}
			callee := n.ChildByField("function")
			if callee == nil || callee.Kind != "identifier" || tried[m.text(callee)] {
				return true
			}
			name := m.text(callee)
			tried[name] = true
			if slices.ContainsFunc(m.helpers, func(fr *frame) bool { return fr.h.name == name }) {
				return true // found from another route of a next-connect router
			}
			if fr := m.helperFrame(name, uses[name], callers); fr != nil {
				m.helpers = append(m.helpers, fr)
				callers.add(fr.h)
			}
			return true
		})
	}
}

// chainHandlers are the handlers of a next-connect router's routes.
func (m *migration) chainHandlers() []*handler {
	var out []*handler
	if m.chain != nil {
		for _, fr := range m.chain.frames() {
			out = append(out, fr.h)
		}
	}
	return out
}

func (m *migration) helperHandlers() []*handler {
	var out []*handler
	for _, fr := range m.helpers {
		out = append(out, fr.h)
	}
	return out
}

// identUses lists, once per file, every identifier node by its text, in
// file order: what helperFrame asks about each candidate, where a walk of
// the whole file per candidate made a route of n helpers cost n × file.
func (m *migration) identUses() map[string][]*Node {
	uses := map[string][]*Node{}
	m.f.Root.Walk(func(n *Node) bool {
		if n.Kind == "identifier" {
			name := m.text(n)
			uses[name] = append(uses[name], n)
		}
		return true
	})
	return uses
}

// callerIndex holds the handler and the helpers found so far, each under
// the top-level statement that holds its function, so that finding the
// one whose function holds a node asks only those of its statement.
type callerIndex struct {
	all   []*handler // the handler, then the helpers in the order found
	byTop map[*Node][]*handler
}

func (c *callerIndex) add(h *handler) {
	c.all = append(c.all, h)
	top := topLevel(h.fn)
	c.byTop[top] = append(c.byTop[top], h)
}

// of returns the handler or helper whose function holds n (the first in
// the order found).
func (c *callerIndex) of(n *Node) *handler {
	for _, h := range c.byTop[topLevel(n)] {
		if h.fn.Contains(n) {
			return h
		}
	}
	return nil
}

// topLevel returns the statement of the program that holds n.
func topLevel(n *Node) *Node {
	for n.Parent != nil && n.Parent.Parent != nil {
		n = n.Parent
	}
	return n
}

// helperFrame checks one candidate, spelled by the identifiers uses (in
// file order), and builds its frame, or returns nil.
func (m *migration) helperFrame(name string, uses []*Node, callers *callerIndex) *frame {
	stmt, fn := m.topLevelFunction(name)
	if fn == nil || stmt.Kind == "export_statement" || fn == m.h.fn || fn.ChildOfKind("*") != nil {
		return nil
	}
	resAt, reqAt := -1, -1
	ok := true
	for _, n := range uses {
		if !ok {
			break
		}
		if stmt.Contains(n) {
			continue // its own declaration
		}
		call := n.Parent
		var caller *handler
		if call != nil {
			caller = callers.of(call)
		}
		if call == nil || call.Kind != "call_expression" || n.Field != "function" || caller == nil || caller.res == "" {
			ok = false
			break
		}
		r, q := -1, -1
		for i, a := range callArgs(call) {
			switch {
			case isIdent(m.src, a, caller.res):
				if r >= 0 {
					ok = false // res passed twice
				}
				r = i
			case caller.req != "" && isIdent(m.src, a, caller.req):
				q = i
			}
		}
		if r < 0 || (resAt >= 0 && (r != resAt || q != reqAt)) {
			ok = false
		}
		resAt, reqAt = r, q
	}
	if !ok || resAt < 0 {
		return nil
	}
	params := paramNames(m, fn)
	if resAt >= len(params) || params[resAt] == "" || (reqAt >= 0 && (reqAt >= len(params) || params[reqAt] == "")) {
		return nil
	}
	h := &handler{fn: fn, body: fn.ChildByField("body"), name: name, res: params[resAt], start: stmt.Start, end: stmt.End,
		async: fn.ChildOfKind("async") != nil, helper: true, resIndex: resAt, reqIndex: reqAt}
	if reqAt >= 0 {
		h.req = params[reqAt]
	}
	h.bodyType = m.bodyType(fn, resAt)
	fr := m.sendFrame(h, func(e *Node) bool { return isSendChain(m.src, e, h.res) })
	if fr != nil {
		_, fr.ownHeaders, _ = m.resEffects(h)
	}
	return fr
}

// sendFrame builds the frame of a helper h that sends and returns nothing
// but what sends does (the returns of its own function, or its arrow's
// expression); nil when it returns anything else.
func (m *migration) sendFrame(h *handler, sends func(e *Node) bool) *frame {
	fn := h.fn
	returnsValue := false
	fn.Walk(func(n *Node) bool {
		if n != fn && enclosingFunction(n) != fn && n.Kind != "statement_block" {
			if strings.Contains(n.Kind, "function") {
				return false
			}
		}
		if n.Kind == "return_statement" && enclosingFunction(n) == fn {
			if e := n.NamedChildren(); len(e) > 0 && e[0].Kind != "comment" && !sends(e[0]) {
				returnsValue = true
			}
		}
		return !returnsValue
	})
	if returnsValue {
		return nil
	}
	fr := &frame{h: h}
	if h.body.Kind == "statement_block" {
		fr.funcs = []*outFunc{{parts: []part{m.bodyPart(h.body)}, tail: h.body}}
		fr.ends = map[*Node]bool{h.body: true}
	} else {
		if !sends(h.body) {
			return nil
		}
		fr.funcs = []*outFunc{{expr: h.body}}
		fr.ends = map[*Node]bool{}
	}
	return fr
}

// paramNames lists a function's parameter names ("" for a pattern).
func paramNames(m *migration, fn *Node) []string {
	var out []string
	for _, p := range paramNodes(fn) {
		id := p
		if p.Kind == "required_parameter" || p.Kind == "optional_parameter" {
			id = p.ChildByField("pattern")
		}
		if id != nil && id.Kind == "identifier" {
			out = append(out, m.text(id))
		} else {
			out = append(out, "")
		}
	}
	return out
}

// helperOf returns the converted helper a call goes to, or nil.
func (m *migration) helperOf(call *Node) *frame {
	callee := call.ChildByField("function")
	if callee == nil || callee.Kind != "identifier" {
		return nil
	}
	name := m.text(callee)
	if fr := m.helperNamed(name); fr != nil {
		return fr
	}
	return m.remote[name] // a project helper (projhelpers.go)
}

// helperNamed returns the first of m.helpers named name, or nil. The
// names are indexed once per list of helpers, not scanned per call (a
// route of n helpers asks for each of its n calls). A helper's name
// changes only while helpermodule composes its app version, which asks
// for none.
func (m *migration) helperNamed(name string) *frame {
	if len(m.helpers) == 0 {
		return nil
	}
	if len(m.helpers) != m.helperNames.n || &m.helpers[0] != m.helperNames.first {
		m.helperNames.n, m.helperNames.first = len(m.helpers), &m.helpers[0]
		m.helperNames.by = make(map[string]*frame, len(m.helpers))
		for _, fr := range m.helpers {
			if _, ok := m.helperNames.by[fr.h.name]; !ok {
				m.helperNames.by[fr.h.name] = fr
			}
		}
	}
	fr := m.helperNames.by[name]
	if fr != nil && fr.h.name != name {
		for _, fr := range m.helpers {
			if fr.h.name == name {
				return fr
			}
		}
		return nil
	}
	return fr
}

// withFrame runs fn with the migration pointed at frame fr.
func (m *migration) withFrame(fr *frame, fn func()) {
	h, funcs, ends := m.h, m.funcs, m.endContainers
	m.h, m.funcs, m.endContainers = fr.h, fr.funcs, fr.ends
	defer func() { m.h, m.funcs, m.endContainers = h, funcs, ends }()
	fn()
}

// helperSignature writes a converted helper's parameters: res goes (or
// becomes the route context when the helper reads params), req is typed
// NextRequest.
func (m *migration) helperSignature(fn *outFunc) string {
	h := m.h
	list := paramNodes(h.fn)
	var out []string
	for i, p := range list {
		switch i {
		case h.resIndex:
			switch {
			case h.headersParam && m.f.TypeScript:
				out = append(out, m.headersName()+": Headers") // (res: NextApiResponse) => (headers: Headers)
			case h.headersParam:
				out = append(out, m.headersName())
			case fn.params:
				out = append(out, m.contextParam())
			}
		case h.reqIndex:
			if m.f.TypeScript {
				m.use("next/server", "NextRequest", false)
				out = append(out, h.req+": NextRequest")
			} else {
				out = append(out, h.req)
			}
		default:
			if h.dropParams[i] {
				continue
			}
			t := m.text(p)
			if typ := h.paramTypes[i]; typ != "" && m.f.TypeScript && p.ChildByField("type") == nil {
				t += ": " + typ // (err, req, res) => {...} typed by onError's type: function onError(err: any, req: NextRequest)
			}
			out = append(out, t)
		}
	}
	return strings.Join(out, ", ")
}

// rewriteHelperCall rewrites a call that hands res to a converted helper:
//
//	return getUser(req, res)  => return getUser(req)
//	sendError(res, 400, "x")  => return sendError(400, "x")   (nothing runs after it)
func (m *migration) rewriteHelperCall(u resUse, call *Node, fr *frame) {
	if fr.h.headersParam && !fr.h.guard {
		m.rewriteHeaderSetterCall(u, call, fr)
		return
	}
	if fr.h.guard {
		m.rewriteGuardCall(call, fr)
		return
	}
	f := m.f
	stmt := enclosingStatement(call)
	top := call
	if p := call.Parent; p != nil && p.Kind == "await_expression" {
		top = p
	}
	p := top.Parent
	needsParams := false
	for _, fn := range fr.funcs {
		needsParams = needsParams || fn.params
	}
	args := func(cp func(*Node) string) string {
		var out []string
		for i, a := range callArgs(call) {
			if i == fr.h.resIndex {
				if needsParams {
					out = append(out, "{ "+prop("params", m.paramsName())+" }")
				}
				continue
			}
			out = append(out, cp(a))
		}
		return "(" + strings.Join(out, ", ") + ")"
	}
	if needsParams {
		m.needParams(call.Start)
	}
	merge := m.mergeHeaders(call, fr) // res.setHeader("x", 1); return helper(req, res): the helper builds its own Response
	argsNode := call.ChildByField("arguments")
	calleeNode := call.ChildByField("function")
	head := m.text(top)[:argsNode.Start-top.Start]
	rename := fr.call != "" && fr.call != m.text(calleeNode)
	if rename {
		// ok(res, x) => okResponse(x): the app version added beside the pages one
		head = m.text(top)[:calleeNode.Start-top.Start] + fr.call
	}
	switch {
	case p != nil && (p.Kind == "return_statement" || p == m.h.fn && top.Field == "body"):
		// return sendError(res, 400, m) / (res) => sendError(res, 401, "x") => ...(400, m) / ...(401, "x")
		if merge {
			// return sendError(res, 400, m) => return withHeaders(sendError(400, m), headers)
			m.replaceFolding(top.Start, top.End, func(cp func(*Node) string) string { return m.withHeaders(head + args(cp)) })
			break
		}
		if rename {
			f.Replace(calleeNode.Start, calleeNode.End, fr.call)
		}
		m.replaceFolding(argsNode.Start, argsNode.End, func(cp func(*Node) string) string { return args(cp) })
	case p != nil && p.Kind == "expression_statement" && enclosingFunction(call) == m.h.fn:
		next := m.bareReturnAfter(p)
		bareReturn := next != nil
		if !m.isTail(p) && !bareReturn {
			f.Todo(stmt.Start, "%s() sends the response but the handler keeps running; return its Response where the handler really ends", fr.h.name)
			return
		}
		m.replaceFolding(p.Start, p.End, func(cp func(*Node) string) string {
			if merge {
				return "return " + m.withHeaders(head+args(cp)) + m.semi()
			}
			return "return " + head + args(cp) + m.semi()
		})
		if bareReturn {
			m.dropBareReturn(p, next)
		}
	default:
		f.Todo(stmt.Start, "%s() sends the response here; a route handler must return it: restructure so the handler returns %s()'s Response", fr.h.name, fr.h.name)
	}
}

// contextParam is the route context parameter, typed in TypeScript.
func (m *migration) contextParam() string {
	pat := "{ params }"
	if n := m.paramsName(); n != "params" {
		pat = "{ params: " + n + " }"
	}
	if !m.f.TypeScript {
		return pat
	}
	return pat + ": { params: " + m.paramsType() + " }"
}

// paramNodes lists a function's parameters (an arrow's lone one included).
func paramNodes(fn *Node) []*Node {
	var list []*Node
	if params := fn.ChildByField("parameters"); params != nil {
		for _, p := range params.NamedChildren() {
			if p.Kind != "comment" {
				list = append(list, p)
			}
		}
	} else if p := fn.ChildByField("parameter"); p != nil {
		list = append(list, p)
	}
	return list
}
