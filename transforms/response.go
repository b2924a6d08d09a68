package transforms

import (
	"regexp"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// link is one step of a call chain on res: res.status(400).json(x) has
// links status(400) and json(x). A property read has call == nil.
type link struct {
	name string
	call *Node
	args []*Node
}

// resUse is one use of the response object: its chain and outermost node.
type resUse struct {
	ref   *Node
	links []link
	top   *Node
}

// rewriteResponse turns every use of res into the app-router form.
//
//	return res.status(400).json(x)        => return Response.json(x, { status: 400 })
//	res.json(x) (nothing runs after it)   => return Response.json(x)
//	res.json(x); return;                  => return Response.json(x)
//	res.json(x); await log(); (then end)  => after(async () => { await log(); }); return Response.json(x)
//	res.send("text") / res.send({ a })    => return new Response("text") / return Response.json({ a })
//	res.status(204).end()                 => return new Response(null, { status: 204 })
//	res.redirect(307, "/x")               => return new Response(null, { status: 307, headers: { Location: "/x" } })
//	res.status(n); / res.statusCode = n;  => status = n; (let status = 200 at the top; later responses use it)
//	res.setHeader(k, v)                   => headers.set(k, v) (const headers = new Headers() at the top)
//	res.cookie(name, value, opts)         => (await cookies()).set(name, value, opts)
//	res.setPreviewData(d) / clearPreviewData() => (await draftMode()).enable() / .disable()
//	res.revalidate(path)                  => skipped: revalidatePath does not regenerate a pages ISR page
//	res.setHeader(k, v); res.write(x) ...; res.end() => return new Response(stream, { headers }) (see rewriteStreams)
//	anything else (res passed on, res.write, a send in a callback) => TODO(routemod)
func rewriteResponse(m *migration) {
	rewriteEvent(m)
	if m.h.res == "" {
		return
	}
	uses := m.resUses()
	static := m.staticStatuses(uses)
	for n, v := range static {
		if m.staticStatus == nil {
			m.staticStatus = map[*Node]string{}
		}
		m.staticStatus[n] = v
	}
	for _, u := range uses {
		if len(u.links) == 1 && u.links[0].name == "revalidate" {
			if !m.revalidatesAppPage(u.links[0]) {
				m.f.Skip("res.revalidate(...) of a page that is not an app-router page (or a path only known at run time): revalidatePath() from an app route does not regenerate a pages-router ISR page (measured on Next.js 16.4.6), so this route stays in pages/api")
				return
			}
		}
		if m.isStandaloneState(u) {
			for _, fn := range m.scopesAt(u.top.Start) {
				if (u.links[0].name == "status" || u.links[0].name == "statusCode") && static == nil || u.links[0].name == "writeHead" {
					fn.statusVar = true
				}
				if u.links[0].name != "status" && u.links[0].name != "statusCode" {
					fn.headersVar = true
				}
			}
		}
		if m.setsHeadersThrough(u) || m.isHeaderRead(u) {
			for _, fn := range m.scopesAt(u.top.Start) {
				fn.headersVar = true // setCookie(res, ...) => setCookie(headers, ...)
			}
		}
	}
	streamed := m.rewriteStreams(uses)
	for _, u := range uses {
		if !streamed[u.ref.Start] {
			m.rewriteUse(u)
		}
	}
	m.dropStatusWrites(uses)
	m.markMissingResponses()
}

// markMissingResponses marks a function end that control can reach
// without a response: pages left that request hanging; a route handler that
// returns nothing makes Next.js answer 500.
//
//	if (ok) return res.json(x);   (last statement, no else) => TODO(routemod) above it
func (m *migration) markMissingResponses() {
	for _, fn := range m.funcs {
		if fn.tail == nil {
			continue
		}
		var stmts []*Node
		if fn.tail.Kind == "switch_case" || fn.tail.Kind == "switch_default" {
			stmts = statementsOfCase(fn.tail)
			if n := len(stmts); n > 0 && stmts[n-1].Kind == "break_statement" {
				stmts = stmts[:n-1]
			}
		} else {
			stmts = statements(fn.tail)
		}
		if len(stmts) == 0 {
			continue
		}
		last := stmts[len(stmts)-1]
		if m.rewritten(last.Start) {
			continue // the last statement became a return (after(...); return ...)
		}
		unconverted := false
		for _, st := range stmts {
			if st.Kind == "expression_statement" && m.touchesRes(st) && !m.rewritten(st.Start) {
				unconverted = true // a send left in place is marked already
			}
		}
		if !unconverted && m.canComplete(last) {
			m.f.Todo(last.Start, "control can reach the end of this function without a response (pages left the request hanging; Next.js answers 500): return a Response on every path")
		}
	}
}

// canComplete reports whether control can run off the end of st without
// returning or throwing; statements that touch res count as responding.
func (m *migration) canComplete(st *Node) bool {
	switch st.Kind {
	case "return_statement", "throw_statement":
		return false
	case "statement_block":
		s := statements(st)
		return len(s) == 0 || m.canComplete(s[len(s)-1])
	case "if_statement":
		alt := st.ChildByField("alternative")
		if alt == nil {
			return true
		}
		var b *Node
		for _, c := range alt.NamedChildren() {
			if c.Kind != "comment" {
				b = c
			}
		}
		return m.canComplete(st.ChildByField("consequence")) || b == nil || m.canComplete(b)
	case "try_statement":
		if f := st.ChildOfKind("finally_clause"); f != nil {
			if b := f.ChildByField("body"); b != nil && !m.canComplete(b) {
				return false
			}
		}
		c := st.ChildOfKind("catch_clause")
		return m.canComplete(st.ChildByField("body")) || c != nil && m.canComplete(c.ChildByField("body"))
	case "expression_statement":
		return !m.touchesRes(st)
	case "lexical_declaration", "variable_declaration", "empty_statement":
		return true
	}
	return false // loops, switches, labels: not judged
}

// resUses collects every use of res inside the handler.
func (m *migration) resUses() []resUse {
	var out []resUse
	references(m.src, m.h.fn, m.h.res, func(n *Node) {
		if m.libTaken[n.Start] {
			return
		}
		u := resUse{ref: n, top: n}
		cur := n
		for {
			p := cur.Parent
			if p == nil || p.Kind != "member_expression" || cur.Field != "object" {
				break
			}
			_, prop, _ := member(m.src, p)
			if pp := p.Parent; pp != nil && pp.Kind == "call_expression" && p.Field == "function" {
				u.links = append(u.links, link{name: prop, call: pp, args: callArgs(pp)})
				cur = pp
				continue
			}
			u.links = append(u.links, link{name: prop})
			cur = p
			break
		}
		u.top = cur
		out = append(out, u)
	})
	return out
}

// context is where a res chain stands.
type context int

const (
	ctxOther context = iota
	ctxStatement
	ctxReturn
	ctxExprBody
)

// contextOf says where u.top stands and returns the statement around it.
func (m *migration) contextOf(u resUse) (context, *Node) {
	n := u.top
	p := n.Parent
	if p != nil && p.Kind == "await_expression" {
		n, p = p, p.Parent
	}
	inTernary := false
	for p != nil && (p.Kind == "parenthesized_expression" || p.Kind == "ternary_expression" && (n.Field == "consequence" || n.Field == "alternative")) {
		inTernary = inTernary || p.Kind == "ternary_expression"
		n, p = p, p.Parent
	}
	if enclosingFunction(u.top) != m.h.fn {
		return ctxOther, nil
	}
	if inTernary {
		// return ok ? res.json(a) : res.status(404).end() => return ok ? Response.json(a) : new Response(null, { status: 404 })
		// Every branch must send: a branch that does not would return no Response.
		if !m.sendsInEveryBranch(n) {
			return ctxOther, nil
		}
		switch {
		case p != nil && p.Kind == "return_statement":
			return ctxReturn, p
		case p == m.h.fn && n.Field == "body":
			return ctxExprBody, nil
		}
		return ctxOther, nil
	}
	switch {
	case p == nil:
	case p.Kind == "expression_statement":
		return ctxStatement, p
	case p.Kind == "return_statement":
		return ctxReturn, p
	case p == m.h.fn && n.Field == "body":
		return ctxExprBody, nil
	}
	return ctxOther, nil
}

// sendsInEveryBranch reports whether each branch of the conditional
// expression n (nested ones too, in parentheses or awaited) sends the
// response (see isSendChain).
func (m *migration) sendsInEveryBranch(n *Node) bool {
	n = codemod.Unparen(n)
	if n == nil {
		return false
	}
	if n.Kind == "ternary_expression" {
		return m.sendsInEveryBranch(n.ChildByField("consequence")) && m.sendsInEveryBranch(n.ChildByField("alternative"))
	}
	return isSendChain(m.src, n, m.h.res) && !m.isShadowed(n, m.h.res) || m.callsWrapped(n)
}

// callsWrapped reports whether n, awaited or not, is a wrapper's call of
// the handler it wraps, which returns the handler's Response in its app
// version:
//
//	ok ? handler(req, res) : res.status(401).end() => ok ? handler(req, ctx) : new Response(null, { status: 401 })
func (m *migration) callsWrapped(n *Node) bool {
	if n != nil && n.Kind == "await_expression" {
		n = codemod.Unparen(n.NamedChildren()[0])
	}
	if m.h.ctx == "" || n == nil || n.Kind != "call_expression" {
		return false
	}
	callee := n.ChildByField("function")
	return callee != nil && callee.Kind == "identifier" && m.wrapped[m.text(callee)]
}

// isStandaloneState reports a statement that only sets status or headers.
func (m *migration) isStandaloneState(u resUse) bool {
	if len(u.links) != 1 {
		return false
	}
	ctx, _ := m.contextOf(u)
	l := u.links[0]
	switch l.name {
	case "status", "setHeader", "appendHeader", "removeHeader", "writeHead":
		want := map[string]int{"status": 1, "setHeader": 2, "appendHeader": 2, "removeHeader": 1, "writeHead": 1}[l.name]
		return ctx == ctxStatement && l.call != nil && len(l.args) >= want && (l.name != "status" || len(l.args) == 1)
	case "statusCode":
		p := u.top.Parent
		return l.call == nil && p != nil && p.Kind == "assignment_expression" && u.top.Field == "left" && p.Parent != nil && p.Parent.Kind == "expression_statement"
	}
	return false
}

func (m *migration) rewriteUse(u resUse) {
	f := m.f
	stmt := enclosingStatement(u.top)
	if msg := m.streamMark(u); msg != "" {
		f.Todo(stmt.Start, "%s", msg) // back-pressure, a header after a write, socket tuning
		return
	}
	if len(u.links) == 0 {
		if p := u.top.Parent; p != nil && p.Kind == "arguments" && p.Parent != nil {
			if fr := m.helperOf(p.Parent); fr != nil && fr.h != m.h {
				m.rewriteHelperCall(u, p.Parent, fr)
				return
			}
		}
		to, helper := "", ""
		if call := argumentOf(u.top); call != nil {
			to = " to " + m.text(callee(call)) + "()" // send(res), createClient({ req, res }), new X(res)
			helper = m.projectHelper(call, u.top)
		}
		f.Todo(stmt.Start, "%s is passed on%s: route handlers have no response object; make it return a Response and return that%s", m.h.res, to, helper)
		return
	}
	last := u.links[len(u.links)-1]
	ctx, st := m.contextOf(u)
	switch last.name {
	case "json", "send", "end", "redirect":
		for _, l := range u.links[:len(u.links)-1] {
			if l.name != "status" || l.call == nil || len(l.args) != 1 {
				f.Todo(stmt.Start, "res.%s(...) in a response chain has no translation: build the Response by hand", l.name)
				return
			}
		}
		if last.call == nil || last.name == "redirect" && (len(last.args) == 0 || len(last.args) > 2) || last.name != "redirect" && len(last.args) > 1 {
			break // res.end(data, "utf8", cb), res.json(a, b): not a plain send
		}
		m.rewriteSend(u, ctx, st)
		return
	}
	if m.isStandaloneState(u) {
		if st == nil {
			st = u.top.Parent.Parent // res.statusCode = n; — the assignment's own statement
		}
		if v, ok := m.staticStatus[st]; ok && v == "" {
			return // dropped by dropStatusWrites once every response states its status
		}
		m.rewriteState(u, st)
		return
	}
	if len(u.links) == 1 && last.call != nil && ctx == ctxStatement {
		if m.rewriteSideEffect(u, st) {
			return
		}
	}
	if m.rewriteHeaderRead(u) {
		return
	}
	f.Todo(stmt.Start, "res.%s has no route-handler equivalent routemod can write: rewrite it by hand", last.name)
}

// rewriteSend turns a response chain into a returned Response.
func (m *migration) rewriteSend(u resUse, ctx context, st *Node) {
	f := m.f
	m.noteAwaitedFinally(u.top)
	if last := u.links[len(u.links)-1]; last.name == "redirect" && ctx == ctxReturn && m.headersVarAt(st.Start) {
		if firstNamed(st) != nil && codemod.Unparen(firstNamed(st)).Kind == "ternary_expression" {
			f.Todo(st.Start, "a redirect in a conditional expression, with headers kept in a local: return each response from its own statement")
			return
		}
		// headers.set("Location", url); return new Response(null, { status, headers })
		m.replaceFolding(st.Start, st.End, func(cp func(*Node) string) string {
			expr := m.responseExpr(u, cp)
			return m.withPrelude(st, "return "+expr+m.semi())
		})
		return
	}
	switch ctx {
	case ctxReturn:
		m.replaceFolding(u.top.Start, u.top.End, func(cp func(*Node) string) string { return m.responseExpr(u, cp) })
	case ctxExprBody:
		m.replaceFolding(u.top.Start, u.top.End, func(cp func(*Node) string) string { return m.responseExpr(u, cp) })
	case ctxStatement:
		next := m.bareReturnAfter(st)
		bareReturn := next != nil
		// res.json(x); break; (the switch ends the handler) => return Response.json(x)
		if !m.isTail(st) && !bareReturn && !m.endsInertly(st) {
			if rest := m.trailingWork(st); rest != nil && m.f.NextMajor >= 15 {
				m.sendThenAfter(u, st, rest)
				return
			}
			f.Todo(st.Start, "the handler keeps running after this response is sent; pages ran the statements below it: return the Response where the handler really ends")
			return
		}
		m.replaceFolding(st.Start, st.End, func(cp func(*Node) string) string {
			return m.withPrelude(st, "return "+m.responseExpr(u, cp)+m.semi())
		})
		if bareReturn {
			m.dropBareReturn(st, next)
		}
	default:
		where := "here"
		if enclosingFunction(u.top) != m.h.fn {
			where = "inside a callback"
		}
		f.Todo(enclosingStatement(u.top).Start, "a response is sent %s; a route handler must return its Response: restructure so the handler returns it", where)
		return
	}
}

// noteAwaitedFinally reports a send inside a try (or its catch) whose
// finally block awaits: pages sent the response before the finally ran; a
// returned Response leaves only once the finally is done.
//
//	try { return res.json(x) } finally { await db.close() } => a report note (the response waits for db.close())
func (m *migration) noteAwaitedFinally(send *Node) {
	for c := send; c != nil && c != m.h.fn; c = c.Parent {
		p := c.Parent
		if p == nil || p.Kind != "try_statement" || c.Field != "body" && c.Field != "handler" {
			continue
		}
		fin := p.ChildByField("finalizer")
		if fin == nil || m.notedFinally[fin] {
			continue
		}
		awaits := false
		fin.Walk(func(n *Node) bool {
			switch n.Kind {
			case "await_expression":
				awaits = true
			case "arrow_function", "function_expression", "function_declaration", "function":
				return false
			}
			return !awaits
		})
		if awaits {
			if m.notedFinally == nil {
				m.notedFinally = map[*Node]bool{}
			}
			m.notedFinally[fin] = true
			line, _ := codemod.LineCol(m.src, fin.Start)
			m.f.Note("the finally block at %s:%d awaits: pages sent the response before it ran, the route handler's Response leaves only once it is done (slower, same body)", m.f.Path, line)
		}
	}
}

// headersVarAt reports whether the functions holding off keep headers in a local.
func (m *migration) headersVarAt(off int) bool {
	for _, fn := range m.scopesAt(off) {
		if fn.headersVar {
			return true
		}
	}
	return false
}

// withPrelude puts the statement a response needs before it (a redirect's
// Location header), in braces when st is not in a block.
func (m *migration) withPrelude(st *Node, ret string) string {
	pre := m.redirectPrelude
	m.redirectPrelude = ""
	if pre == "" {
		return ret
	}
	if p := st.Parent; p != nil && (p.Kind == "statement_block" || p.Kind == "switch_case" || p.Kind == "switch_default") {
		return pre + m.f.Style.EOL + codemod.IndentAt(m.src, st.Start) + ret
	}
	return "{ " + m.joinStatements(pre, ret) + " }"
}

// varsAt reports whether the functions holding off keep the status or the
// headers in locals, and makes sure each of them declares those it uses.
func (m *migration) varsAt(off int) (status, headers bool) {
	for _, fn := range m.scopesAt(off) {
		status = status || fn.statusVar
		headers = headers || fn.headersVar
	}
	if status {
		m.needPrologue(off, "status", "let "+m.statusName()+" = 200"+m.semi())
	}
	if headers && !m.h.headersParam { // a header-setting helper's headers are its callers'
		m.needPrologue(off, "headers", "const "+m.headersName()+" = new Headers()"+m.semi())
	}
	return status, headers
}

// responseInit gives the init properties of a Response and their text as
// a trailing argument: a status other than 200 (the function's status local
// when none is known), and the headers local where one is in scope.
//
//	("404", _, true) => [status: 404, headers], ", { status: 404, headers }"
func (m *migration) responseInit(status string, statusVar, headersVar bool) ([]string, string) {
	var init []string
	if status != "" && status != "200" {
		init = append(init, prop("status", status))
	} else if status == "" && statusVar {
		init = append(init, prop("status", m.statusName()))
	}
	if headersVar {
		init = append(init, prop("headers", m.headersName()))
	}
	if len(init) == 0 {
		return nil, ""
	}
	return init, ", { " + strings.Join(init, ", ") + " }"
}

// responseExpr builds the Response a send chain makes.
func (m *migration) responseExpr(u resUse, cp func(*Node) string) string {
	statusVar, headersVar := m.varsAt(u.top.Start)
	status := ""
	for _, l := range u.links {
		if l.name == "status" {
			status = cp(l.args[0])
		}
	}
	if _, st := m.contextOf(u); st != nil && status == "" && m.staticStatus[st] != "" {
		v := m.staticStatus[st]
		status = v // the status a straight-line write before it set
	}
	last := u.links[len(u.links)-1]
	init, initText := m.responseInit(status, statusVar, headersVar)
	noBody := status == "204" || status == "304"
	if hasBody := len(last.args) > 0 && last.name != "redirect"; hasBody && !noBody && m.mayBeNullBodyStatus(status, statusVar) {
		m.f.Todo(enclosingStatement(u.top).Start, "this response can have status 204, 205 or 304: pages dropped the body of a 204/304, but a Response with a body and such a status throws (Next.js answers 500): return new Response(null, { status }) for them")
	}
	switch last.name {
	case "json":
		// res.json(undefined) sent an empty body; Response.json(undefined) throws
		//	res.json() => new Response(null, { headers: { "Content-Type": "application/json" } })   (pages set it before the empty body)
		if len(last.args) == 0 || noBody || codemod.Unparen(last.args[0]).Kind == "undefined" {
			if !noBody && !m.mayBeNullBodyStatus(status, statusVar) {
				initText = m.withContentType(init, headersVar, "application/json", u)
			}
			return "new Response(null" + initText + ")"
		}
		if m.mayBeUndefined(codemod.Unparen(last.args[0])) {
			m.f.Todo(enclosingStatement(u.top).Start, "this value can be undefined: pages' res.json(undefined) sent 200 with an empty body, Response.json(undefined) throws (Next.js answers 500): handle undefined before this")
		}
		if headersVar && m.setsContentTypeBefore(u.top) {
			// res.setHeader("Content-Type", t); res.json(x): pages forced application/json, Response.json keeps t
			m.f.Todo(enclosingStatement(u.top).Start, "a Content-Type header set earlier now wins over Response.json's application/json (pages always sent JSON as application/json): delete it from the headers if that matters")
		}
		return m.jsonCall() + "(" + cp(last.args[0]) + initText + ")"
	case "send", "end":
		if len(last.args) == 0 || noBody {
			return "new Response(null" + initText + ")"
		}
		a := codemod.Unparen(last.args[0])
		switch a.Kind {
		case "object", "array":
			if last.name == "send" {
				return m.jsonCall() + "(" + cp(last.args[0]) + initText + ")"
			}
		case "number", "true", "false":
			if last.name == "send" {
				return m.jsonCall() + "(" + cp(last.args[0]) + initText + ")"
			}
		case "string", "template_string":
		default:
			// res.send(Buffer.from(x)) => new Response(Buffer.from(x), { headers: { "Content-Type": "application/octet-stream" } })
			// const buf = Buffer.concat(chunks); res.send(buf) => the same
			// res.send(await r.buffer())                     => the same (node-fetch's Buffer)
			if last.name == "send" && m.isBuffer(a) {
				initText = m.withContentType(init, headersVar, "application/octet-stream", u)
			} else if last.name == "send" && !m.isStringish(a) {
				m.f.Todo(enclosingStatement(u.top).Start, "res.send of a value routemod cannot type: this assumes a string or Buffer; use Response.json(...) if it is an object")
			}
		}
		// res.end(err) => TODO(routemod): new Response(err) (Node's res.end threw on it)
		if last.name == "end" && !m.knownString(a) && !m.knownBytes(a) {
			m.f.Todo(enclosingStatement(u.top).Start, "res.end of a value not known to be a string or bytes: Node's res.end took only a string, Buffer or Uint8Array and threw on anything else (pages answered 500); new Response sends a number or an object as its text: pass a string or bytes, or answer what pages answered")
		}
		return "new Response(" + cp(last.args[0]) + initText + ")"
	case "redirect":
		code, url := "307", last.args[len(last.args)-1]
		if len(last.args) == 2 {
			code = cp(last.args[0])
		}
		// Location stays as pages sent it: NextResponse.redirect(new URL(url,
		// req.url)) would make it absolute on the server's own host
		// (localhost under next start), which breaks behind a proxy.
		if headersVar {
			m.redirectPrelude = m.headersName() + ".set(\"Location\", " + cp(url) + ")" + m.semi()
			return "new Response(null, { status: " + code + ", " + prop("headers", m.headersName()) + " })"
		}
		return "new Response(null, { status: " + code + ", headers: { Location: " + cp(url) + " } })"
	}
	return ""
}

// nullBodyStatus matches the statuses a Response with a body refuses.
var nullBodyStatus = regexp.MustCompile(`\b(204|205|304)\b`)

// mayBeNullBodyStatus reports a status only known at run time that can be
// 204, 205 or 304 by its text, or a literal 205 (Node sent its body):
//
//	res.status(ok ? 200 : 204).json(x)      => TODO(routemod): Response.json(x, { status: 204 }) throws
//	res.status(204); ... res.json(x)        => TODO(routemod) at the send
func (m *migration) mayBeNullBodyStatus(status string, statusVar bool) bool {
	if status != "" {
		return nullBodyStatus.MatchString(status) || m.nameMayBeNullBodyStatus(status)
	}
	if !statusVar {
		return false
	}
	found := false
	for _, u := range m.resUses() {
		if !m.isStandaloneState(u) {
			continue // a chain's own status does not reach the local
		}
		l := u.links[0]
		switch {
		case (l.name == "status" || l.name == "writeHead") && len(l.args) > 0:
			found = found || nullBodyStatus.MatchString(m.text(l.args[0])) || m.nameMayBeNullBodyStatus(m.text(l.args[0]))
		case l.name == "statusCode" && u.top.Parent != nil && u.top.Parent.Kind == "assignment_expression":
			if r := u.top.Parent.ChildByField("right"); r != nil {
				found = found || nullBodyStatus.MatchString(m.text(r)) || m.nameMayBeNullBodyStatus(m.text(r))
			}
		}
	}
	return found
}

// nameMayBeNullBodyStatus reports a plain name given 204, 205 or 304 by its
// text anywhere in the file:
//
//	const code = ok ? 200 : 204; res.status(code).json(x) => TODO(routemod) at the send
func (m *migration) nameMayBeNullBodyStatus(name string) bool {
	if !jsIdent.MatchString(name) {
		return false
	}
	found := false
	m.f.Root.Walk(func(n *Node) bool {
		if found {
			return false
		}
		var v *Node
		switch n.Kind {
		case "variable_declarator":
			if isIdent(m.src, n.ChildByField("name"), name) {
				v = n.ChildByField("value")
			}
		case "assignment_expression", "augmented_assignment_expression":
			if isIdent(m.src, n.ChildByField("left"), name) {
				v = n.ChildByField("right")
			}
		}
		found = v != nil && nullBodyStatus.MatchString(m.text(v))
		return true
	})
	return found
}

var jsIdent = regexp.MustCompile(`^[A-Za-z_$][\w$]*$`)

// isStringish reports expressions that are strings by shape (res.send
// sent them as they are), followed through a const they initialise.
//
//	res.send(s.replace(a, b)) / res.send(await r.text()) / const t = x.trim(); res.send(t) => new Response(...), no TODO
func (m *migration) isStringish(a *Node) bool {
	a = codemod.Unparen(a)
	switch a.Kind {
	case "string", "template_string", "binary_expression":
		return a.Kind != "binary_expression" || m.text(a.ChildByField("operator")) == "+"
	case "call_expression":
		t := m.text(a.ChildByField("function"))
		if t == "String" || t == "JSON.stringify" {
			return true
		}
		_, p, ok := member(m.src, a.ChildByField("function"))
		switch p {
		case "toString", "join", "replace", "replaceAll", "trim", "trimStart", "trimEnd", "toUpperCase", "toLowerCase", "padStart", "padEnd", "toFixed", "toISOString":
			return ok
		}
	case "await_expression":
		// await r.text(): a fetch Response's (or a Blob's) text
		if c := awaitedCall(m, a); c != "" {
			return c == "text"
		}
	case "identifier":
		if v := m.constInit(a); v != nil {
			return m.isStringish(v)
		}
	}
	return false
}

// isBuffer reports expressions that are Buffers by shape, which pages'
// res.send sent as bytes with Content-Type application/octet-stream.
//
//	Buffer.from(x) / Buffer.concat(xs) / await r.buffer() / const buf = Buffer.from(x); buf => a Buffer
func (m *migration) isBuffer(a *Node) bool {
	a = codemod.Unparen(a)
	switch a.Kind {
	case "call_expression":
		return isBufferCall(m.text(a.ChildByField("function")))
	case "await_expression":
		return awaitedCall(m, a) == "buffer"
	case "identifier":
		if v := m.constInit(a); v != nil {
			return m.isBuffer(v)
		}
	}
	return false
}

// awaitedCall returns the method name of `await x.name()` (no arguments), or "".
func awaitedCall(m *migration, a *Node) string {
	c := codemod.Unparen(a.NamedChildren()[0])
	if c == nil || c.Kind != "call_expression" || len(callArgs(c)) != 0 {
		return ""
	}
	if _, p, ok := member(m.src, c.ChildByField("function")); ok {
		return p
	}
	return ""
}

// constInit returns the initialiser of the const the identifier x reads,
// when x is bound by a plain `const x = value` of its function (the
// innermost one that holds x), or nil.
func (m *migration) constInit(x *Node) *Node {
	fn := enclosingFunction(x)
	if fn == nil {
		return nil
	}
	name := m.text(x)
	var own, ownScope *Node
	fn.Walk(func(n *Node) bool {
		if n.Kind != "variable_declarator" {
			return true
		}
		if id := n.ChildByField("name"); id != nil && id.Kind == "identifier" && m.text(id) == name {
			if s := declScope(n); s != nil && s.Contains(x) && (ownScope == nil || ownScope.Contains(s)) {
				own, ownScope = n, s
			}
		}
		return true
	})
	if own == nil || own.Parent == nil || own.Parent.Kind != "lexical_declaration" || !strings.HasPrefix(m.text(own.Parent), "const") || own.Start > x.Start {
		return nil
	}
	return own.ChildByField("value")
}

func prop(key, name string) string {
	if key == name {
		return key
	}
	return key + ": " + name
}

func (m *migration) statusName() string  { return m.name("status", "status", "responseStatus") }
func (m *migration) headersName() string { return m.name("headers", "headers", "responseHeaders") }

// rewriteState turns status and header statements into local state.
func (m *migration) rewriteState(u resUse, st *Node) {
	l := u.links[0]
	semi := m.semi()
	m.varsAt(st.Start)
	hd := m.headersName
	m.replaceFolding(st.Start, st.End, func(cp func(*Node) string) string {
		switch l.name {
		case "status":
			return m.statusName() + " = " + cp(l.args[0]) + semi
		case "statusCode":
			return m.statusName() + " = " + cp(u.top.Parent.ChildByField("right")) + semi
		case "setHeader", "appendHeader":
			if len(l.args) != 2 {
				break
			}
			return m.headerWriteText(l.name == "setHeader", cp(l.args[0]), l.args[1], cp, hd(), semi)
		case "removeHeader":
			return hd() + ".delete(" + cp(l.args[0]) + ")" + semi
		case "writeHead":
			out := m.statusName() + " = " + cp(l.args[0]) + semi
			if len(l.args) > 1 {
				obj := codemod.Unparen(l.args[len(l.args)-1])
				if obj.Kind != "object" {
					m.f.Todo(st.Start, "res.writeHead with headers routemod cannot read: set them on %s by hand", hd())
					return out
				}
				for _, p := range obj.NamedChildren() {
					if p.Kind != "pair" {
						m.f.Todo(st.Start, "res.writeHead header object with a spread or method: set them on %s by hand", hd())
						continue
					}
					key := p.ChildByField("key")
					k := cp(key)
					if key.Kind == "property_identifier" {
						k = `"` + k + `"`
					}
					out = m.joinStatements(out, m.headerWriteText(true, k, p.ChildByField("value"), cp, hd(), semi))
				}
			}
			return out
		}
		return cp(st)
	})
}

// headerWriteText writes res.setHeader / res.appendHeader onto the Headers.
//
//	res.setHeader("x", "v")                 => headers.set("x", "v")
//	res.setHeader("Set-Cookie", ["a", "b"]) => headers.delete("Set-Cookie"); headers.append("Set-Cookie", "a"); headers.append("Set-Cookie", "b")
//	res.setHeader("Set-Cookie", cookie)     => headers.delete("Set-Cookie"); for (const value of [cookie].flat()) headers.append("Set-Cookie", value)
func (m *migration) headerWriteText(set bool, k string, val *Node, cp func(*Node) string, hd, semi string) string {
	v := codemod.Unparen(val)
	var out []string
	if set {
		// res.setHeader("X-Ids", ids.map(String)) => headers.delete("X-Ids"); for (const value of [ids.map(String)].flat()) headers.append("X-Ids", value)
		if v.Kind == "string" || v.Kind == "template_string" || (!isSetCookie(k) && v.Kind != "array" && !m.isArrayish(v)) {
			return hd + ".set(" + k + ", " + m.headerValue(val, cp) + ")" + semi
		}
		out = append(out, hd+".delete("+k+")"+semi)
	}
	if v.Kind == "array" {
		// res.setHeader("Set-Cookie", [...list, c]) => headers.delete("Set-Cookie"); for (const value of list) headers.append("Set-Cookie", value); headers.append("Set-Cookie", c)
		for _, el := range v.NamedChildren() {
			switch {
			case el.Kind == "comment":
			case el.Kind == "spread_element" && len(el.NamedChildren()) == 1:
				loopVar := m.name("headerValue", "value", "headerValue")
				out = append(out, "for (const "+loopVar+" of "+cp(el.NamedChildren()[0])+") "+hd+".append("+k+", "+loopVar+")"+semi)
			default:
				out = append(out, hd+".append("+k+", "+cp(el)+")"+semi)
			}
		}
		return m.joinStatements(out...)
	}
	if v.Kind == "string" || v.Kind == "template_string" {
		return hd + ".append(" + k + ", " + cp(val) + ")" + semi
	}
	loopVar := m.name("headerValue", "value", "headerValue")
	out = append(out, "for (const "+loopVar+" of ["+cp(val)+"].flat()) "+hd+".append("+k+", "+loopVar+")"+semi)
	return m.joinStatements(out...)
}

// headerValue is a single header value as Headers.set takes it, a string
// (Node's setHeader took numbers and any value it could print; Headers.set
// converts with String() at run time but takes only a string in the types,
// TypeScript and checkJs alike):
//
//	res.setHeader("X-Fixed", 3)                   => headers.set("X-Fixed", "3")
//	res.setHeader("X-RateLimit-Limit", rl.limit)  => headers.set("X-RateLimit-Limit", String(rl.limit))
//	res.setHeader("X-Id", `${id}`)                => headers.set("X-Id", `${id}`)
func (m *migration) headerValue(val *Node, cp func(*Node) string) string {
	v := codemod.Unparen(val)
	switch {
	case v.Kind == "number":
		return `"` + m.text(v) + `"`
	case m.knownString(v):
		return cp(val)
	}
	return "String(" + cp(val) + ")"
}

func isSetCookie(k string) bool {
	return strings.EqualFold(strings.Trim(k, "\"'`"), "set-cookie")
}

// rewriteSideEffect handles res calls that change state outside the
// response: cookies and draft mode.
func (m *migration) rewriteSideEffect(u resUse, st *Node) bool {
	l := u.links[0]
	await := func(fn string) string {
		m.use("next/headers", fn, true)
		if m.f.NextMajor >= 15 {
			m.needAsync(st.Start)
			return "(await " + fn + "())"
		}
		return fn + "()"
	}
	semi := m.semi()
	switch l.name {
	case "revalidate":
		// await res.revalidate("/blog/a") (an app-router page) => revalidatePath("/blog/a")
		m.use("next/cache", "revalidatePath", true)
		m.replaceFolding(u.top.Start, u.top.End, func(cp func(*Node) string) string {
			return "revalidatePath(" + cp(l.args[0]) + ")"
		})
		return true
	case "cookie":
		if len(l.args) < 2 {
			return false
		}
		if len(l.args) == 3 && strings.Contains(m.text(l.args[2]), "maxAge") {
			m.f.Todo(st.Start, "res.cookie took maxAge in milliseconds (Express); cookies().set takes seconds: check the value")
		}
		m.replaceFolding(st.Start, st.End, func(cp func(*Node) string) string {
			var args []string
			for _, a := range l.args {
				args = append(args, cp(a))
			}
			return await("cookies") + ".set(" + strings.Join(args, ", ") + ")" + semi
		})
		return true
	case "setPreviewData", "clearPreviewData", "setDraftMode":
		enable := l.name == "setPreviewData"
		if l.name == "setDraftMode" {
			if len(l.args) != 1 {
				return false
			}
			t := strings.ReplaceAll(m.text(l.args[0]), " ", "")
			switch {
			case strings.Contains(t, "enable:true"):
				enable = true
			case strings.Contains(t, "enable:false"):
			default:
				return false
			}
		}
		if l.name == "setPreviewData" && len(l.args) > 0 && strings.TrimSpace(strings.Trim(m.text(l.args[0]), "{}")) != "" {
			m.f.Note("res.setPreviewData(data) becomes draftMode().enable(): pages then see previewData {} — the data argument is lost (measured on Next.js 16.4.6)")
			m.f.Todo(st.Start, "the preview data passed here is lost: draft mode carries no data; pages that read previewData get {}")
		}
		if len(u.links) > 1 {
			return false
		}
		verb := "disable"
		if enable {
			verb = "enable"
		}
		m.replaceFolding(st.Start, st.End, func(cp func(*Node) string) string {
			for _, a := range l.args {
				cp(a) // the data is dropped (marked above), with the rewrites inside it
			}
			return await("draftMode") + "." + verb + "()" + semi
		})
		return true
	}
	return false
}

// isTail reports whether nothing runs after st before the output function
// returns.
func (m *migration) isTail(st *Node) bool {
	for {
		p := st.Parent
		if p == nil {
			return false
		}
		switch p.Kind {
		case "statement_block", "switch_case", "switch_default", "program":
			if next := st.NextNamedSibling(); next != nil {
				if next.Kind == "break_statement" && next.ChildByField("label") == nil && next.NextNamedSibling() == nil && m.endContainers[caseOf(p)] {
					return true
				}
				return false
			}
		}
		if m.endContainers[p] {
			return true
		}
		switch p.Kind {
		case "statement_block":
			if gp := p.Parent; gp != nil && (gp.Kind == "switch_case" || gp.Kind == "switch_default") {
				// case "GET": { ... }  — the block is the case's body
				st = p
				continue
			}
			if enclosingFunction(st) != m.h.fn || p.Parent == nil || strings.Contains(p.Parent.Kind, "function") || p.Parent.Kind == "method_definition" {
				return false
			}
			st = p
		case "if_statement", "try_statement":
			st = p
		case "else_clause":
			st = p.Parent
		case "catch_clause":
			st = p.Parent
		case "switch_case", "switch_default":
			sw := p.Parent
			if sw == nil || sw.Parent == nil {
				return false
			}
			cases := sw.NamedChildren()
			if cases[len(cases)-1] != p {
				return false
			}
			st = sw.Parent
		default:
			return false
		}
	}
}

// caseOf returns the switch case whose body p is: the case itself, or the
// lone block that forms it (case "PUT": { ...; break; }); nil otherwise.
func caseOf(p *Node) *Node {
	if p.Kind == "switch_case" || p.Kind == "switch_default" {
		return p
	}
	if gp := p.Parent; p.Kind == "statement_block" && gp != nil && (gp.Kind == "switch_case" || gp.Kind == "switch_default") {
		return gp
	}
	return nil
}

// trailingWork returns the statements that run after a send at st until
// the output function ends, when they can run after the response: they
// reach the end, return nothing, and never touch res. nil otherwise.
func (m *migration) trailingWork(st *Node) []*Node {
	p := st.Parent
	if p == nil || (p.Kind != "statement_block" && p.Kind != "switch_case" && p.Kind != "switch_default") {
		return nil
	}
	var rest []*Node
	seen := false
	for _, c := range p.Children {
		if c == st {
			seen = true
			continue
		}
		if seen && c.Named && c.Kind != "comment" {
			rest = append(rest, c)
		}
	}
	if n := len(rest); n > 0 && rest[n-1].Kind == "break_statement" && p.Kind != "statement_block" {
		rest = rest[:n-1]
	}
	if len(rest) == 0 || !m.isTail(rest[len(rest)-1]) {
		return nil
	}
	for _, r := range rest {
		bad := false
		r.Walk(func(n *Node) bool {
			switch n.Kind {
			case "function_declaration", "function_expression", "arrow_function", "method_definition", "class_declaration":
				if n.Kind == "arrow_function" || n.Kind == "function_expression" {
					// callbacks may not use res either
					n.Walk(func(c *Node) bool {
						if isReference(c) && m.text(c) == m.h.res {
							bad = true
						}
						return !bad
					})
				}
				return false
			case "return_statement", "break_statement", "continue_statement", "yield_expression":
				bad = true
			case "identifier", "shorthand_property_identifier":
				if m.text(n) == m.h.res {
					bad = true
				}
			}
			return !bad
		})
		if bad {
			return nil
		}
	}
	return rest
}

// sendThenAfter returns the response at once and runs the statements that
// followed the send in pages after it with after() from next/server, as
// pages ran them after the response was sent.
func (m *migration) sendThenAfter(u resUse, st *Node, rest []*Node) {
	last := rest[len(rest)-1]
	ind := codemod.IndentAt(m.src, st.Start)
	eol := m.f.Style.EOL
	m.use("next/server", "after", true)
	keep := m.inTemplate()
	end := last.End
	if onlySpaceAfter(m.src, end) {
		end = lineEnd(m.src, end)
	}
	m.replaceFoldingRange(st.Start, end, func(cp func(*Node) string, cpRange func(a, b int, ri codemod.Reindent) string) string {
		resp := m.responseExpr(u, cp)
		from := st.End // comments between the send and the work move with it
		if onlySpaceAfter(m.src, st.End) {
			from = lineEnd(m.src, st.End)
		}
		body := cpRange(from, end, codemod.Reindent{Add: m.f.Style.Indent, Keep: keep})
		if from == st.End {
			body = ind + m.f.Style.Indent + strings.TrimLeft(body, " \t") // res.json(x); log() on one line
		}
		if !strings.HasSuffix(body, "\n") {
			body += eol
		}
		tail := ""
		if end != last.End {
			tail = eol
		}
		return "after(async () => {" + eol + body + ind + "})" + m.semi() + eol + ind + m.withPrelude(st, "return "+resp+m.semi()) + tail
	})
}

// revalidatesAppPage reports res.revalidate("/literal") of a path an
// app-router page of the project serves.
func (m *migration) revalidatesAppPage(l link) bool {
	if len(l.args) != 1 || m.f.Project == nil {
		return false
	}
	p, ok := stringValue(m.src, l.args[0])
	if !ok {
		return m.revalidatesAppPattern(l.args[0])
	}
	for _, pattern := range m.f.Project.AppPages {
		if codemod.MatchesPage(pattern, p) {
			return true
		}
	}
	return false
}

// holeSegment stands for a path segment only known at run time.
const holeSegment = "\x00"

// revalidatesAppPattern reports a path built at run time whose computed
// parts are whole segments, each where an app-router page of the project
// has a dynamic segment: revalidatePath takes that literal path (Next.js
// documents revalidatePath("/blog/post-1") for one URL of /blog/[slug]).
//
//	res.revalidate(`/blog/${slug}`)  (app/blog/[slug]/page.tsx) => revalidatePath(`/blog/${slug}`)
//	res.revalidate("/blog/" + slug)  (app/blog/[slug]/page.tsx) => revalidatePath("/blog/" + slug)
//	res.revalidate(`/blog/${slug}`)  (pages/blog/[slug].tsx)     => skipped, as before
func (m *migration) revalidatesAppPattern(arg *Node) bool {
	path, ok := m.pathShape(codemod.Unparen(arg))
	if !ok || !strings.HasPrefix(path, "/") {
		return false
	}
	us := strings.Split(strings.Trim(path, "/"), "/")
	for _, u := range us {
		if strings.Contains(u, holeSegment) && u != holeSegment {
			return false // ${a}-${b} or x${y}: not a whole segment
		}
	}
	for _, pattern := range m.f.Project.AppPages {
		ps := strings.Split(strings.Trim(pattern, "/"), "/")
		match := len(ps) == len(us)
		for i := 0; match && i < len(ps); i++ {
			switch p := ps[i]; {
			case strings.HasPrefix(p, "[..."), strings.HasPrefix(p, "[[..."):
				match = i == len(ps)-1
				i = len(ps)
			case strings.HasPrefix(p, "["):
			case us[i] == holeSegment || p != us[i]:
				match = false
			}
		}
		if match {
			return true
		}
	}
	return false
}

// pathShape writes a template string or a concatenation of strings and
// values as a path with holeSegment for each value.
func (m *migration) pathShape(n *Node) (string, bool) {
	switch n.Kind {
	case "template_string":
		var sb strings.Builder
		for _, c := range n.NamedChildren() {
			switch c.Kind {
			case "string_fragment":
				sb.WriteString(m.text(c))
			case "template_substitution":
				sb.WriteString(holeSegment)
			default:
				return "", false // an escape sequence
			}
		}
		return sb.String(), true
	case "binary_expression":
		if m.text(n.ChildByField("operator")) != "+" {
			return "", false
		}
		l, ok := m.pathShape(codemod.Unparen(n.ChildByField("left")))
		if !ok {
			return "", false
		}
		r, ok := m.pathShape(codemod.Unparen(n.ChildByField("right")))
		if !ok {
			return "", false
		}
		return l + r, true
	case "string":
		return stringValue(m.src, n)
	case "identifier", "member_expression", "call_expression", "subscript_expression":
		return holeSegment, true
	}
	return "", false
}

// bareReturnAfter returns the `return;` right after st — or a break out of
// a split switch — or nil.
func (m *migration) bareReturnAfter(st *Node) *Node {
	next := st.NextNamedSibling()
	if next != nil && (next.Kind == "return_statement" && len(next.NamedChildren()) == 0 || m.exitBreaks[next]) {
		return next
	}
	if next != nil && m.h.guard && falsyReturn(m.src, next) {
		return next // a guard's unauthorized(res); return null; => return unauthorized();
	}
	return nil
}

// dropBareReturn removes the `return;` after a statement that now returns
// (its whole line when it stands alone).
func (m *migration) dropBareReturn(st, ret *Node) {
	start, end := ret.Start, ret.End
	if ls := codemod.LineStart(m.src, start); onlySpaceBefore(m.src, start) && ls > st.End {
		start = ls - 1 // from the newline before its line: the line goes, the code after it stays put
		if start > 0 && m.src[start-1] == '\r' {
			start--
		}
	} else {
		start = st.End
	}
	for _, i := range m.f.EditsOverlapping(start, end) {
		if e := m.f.Edits()[i]; e.Start > start && e.Start < end || e.End > start && e.End < end {
			start = ret.Start // another edit (a marker) sits on that line: take only the return
			break
		}
	}
	m.f.Replace(start, end, "")
}

// touchesRes reports whether n uses the response object.
func (m *migration) touchesRes(n *Node) bool {
	touches := false
	n.Walk(func(c *Node) bool {
		if isReference(c) && m.h.res != "" && m.text(c) == m.h.res && !m.isShadowed(c, m.h.res) && !m.libTaken[c.Start] {
			touches = true
		}
		return !touches
	})
	return touches
}

// rewritten reports whether an edit already replaces the text at off.
func (m *migration) rewritten(off int) bool {
	return len(m.f.EditsOverlapping(off, off+1)) > 0
}

// joinStatements puts statements on one line: a space between them where
// the file ends statements with semicolons, "; " where it leaves them off.
func (m *migration) joinStatements(stmts ...string) string {
	if m.semi() == "" {
		return strings.Join(stmts, "; ")
	}
	return strings.Join(stmts, " ")
}

// setsContentTypeBefore reports a res.setHeader / res.writeHead in the
// current function that sets Content-Type on a path that reaches send.
//
//	if (csv) { res.setHeader("Content-Type", "text/csv"); return res.send(x) } res.json(y) => no TODO at res.json
//	res.setHeader("Content-Type", "text/plain"); res.json(y)                               => TODO(routemod) at res.json
func (m *migration) setsContentTypeBefore(send *Node) bool {
	for _, n := range m.contentTypeSetters() {
		if m.mayReach(n, send) {
			return true
		}
	}
	return false
}

// contentTypeSetters lists the res.setHeader / res.appendHeader /
// res.writeHead calls of the current function that may set Content-Type,
// found once per function.
func (m *migration) contentTypeSetters() []*Node {
	fn := m.h.fn
	if sets, ok := m.contentTypeSets[fn]; ok {
		return sets
	}
	var sets []*Node
	fn.Walk(func(n *Node) bool {
		if n.Kind != "call_expression" {
			return true
		}
		obj, prop, ok := member(m.src, n.ChildByField("function"))
		if !ok || !isIdent(m.src, obj, m.h.res) {
			return true
		}
		args := callArgs(n)
		switch prop {
		case "setHeader", "appendHeader":
			if len(args) > 0 {
				k, isStr := stringValue(m.src, args[0])
				if (!isStr || strings.EqualFold(k, "content-type")) && !(len(args) > 1 && isJSONMediaType(m.src, args[1])) {
					sets = append(sets, n)
				}
			}
		case "writeHead":
			if len(args) > 1 && strings.Contains(strings.ToLower(m.text(args[len(args)-1])), "content-type") {
				sets = append(sets, n)
			}
		}
		return true
	})
	if m.contentTypeSets == nil {
		m.contentTypeSets = map[*Node][]*Node{}
	}
	m.contentTypeSets[fn] = sets
	return sets
}

// isJSONMediaType reports a string literal naming application/json (any
// case, any parameters): Response.json keeps it, as pages' res.json set it
// (only the charset parameter may differ).
func isJSONMediaType(src []byte, n *Node) bool {
	v, ok := stringValue(src, n)
	if !ok {
		return false
	}
	mt, _, _ := strings.Cut(v, ";")
	return strings.EqualFold(strings.TrimSpace(mt), "application/json")
}

// isBufferCall matches the Buffer calls that make a Buffer.
func isBufferCall(fn string) bool {
	switch fn {
	case "Buffer.from", "Buffer.concat", "Buffer.alloc", "Buffer.allocUnsafe":
		return true
	}
	return false
}

// withContentType adds the Content-Type pages' send added when none was set:
// a literal headers object, or a TODO when the response uses the Headers local.
func (m *migration) withContentType(init []string, headersVar bool, ct string, u resUse) string {
	if headersVar {
		// res.setHeader("Content-Type", t); res.send(buf) kept t (json overrode it)
		if ct == "application/json" || !m.setsContentTypeJustBefore(enclosingStatement(u.top)) {
			m.f.Todo(enclosingStatement(u.top).Start, "pages sent this response with Content-Type: %s; set it on %s by hand", ct, m.headersName())
		}
	} else {
		init = append(init, `headers: { "Content-Type": "`+ct+`" }`)
	}
	if len(init) == 0 {
		return ""
	}
	return ", { " + strings.Join(init, ", ") + " }"
}

// setsContentTypeJustBefore reports a res.setHeader("Content-Type", ...) among
// the statements before st in its own block: one that reaches st on every path.
func (m *migration) setsContentTypeJustBefore(st *Node) bool {
	if st == nil || st.Parent == nil || st.Parent.Kind != "statement_block" {
		return false
	}
	for _, s := range st.Parent.NamedChildren() {
		if s.Start >= st.Start {
			break
		}
		t := strings.ToLower(strings.ReplaceAll(m.text(s), " ", ""))
		if s.Kind == "expression_statement" && strings.HasPrefix(t, strings.ToLower(m.h.res)+".setheader(") && (strings.Contains(t, `"content-type"`) || strings.Contains(t, "'content-type'")) {
			return true
		}
	}
	return false
}

// mayBeUndefined reports values that are undefined by their shape when
// missing, which pages' res.json sent as an empty body:
//
//	res.json(list.find(f)) / res.json(map.get(k)) / res.json(a[i]) / res.json(a?.b) / res.json(req.query.q) => TODO(routemod) above it
//	let x; ...; res.json(x)  /  x = undefined; ...; res.json(x)                                            => TODO(routemod) above it
func (m *migration) mayBeUndefined(a *Node) bool {
	t := strings.ReplaceAll(m.text(a), " ", "")
	switch a.Kind {
	case "identifier":
		return m.mayBeUnset(a)
	case "call_expression":
		if _, prop, ok := member(m.src, a.ChildByField("function")); ok {
			switch prop {
			case "find", "findLast", "get", "pop", "shift", "at":
				return true
			}
		}
		return strings.Contains(m.text(a.ChildByField("function")), "?.")
	case "subscript_expression":
		return !m.justAssigned(a)
	case "member_expression":
		return strings.Contains(t, "?.") || strings.HasPrefix(t, m.h.req+".query.") || strings.HasPrefix(t, m.h.req+".body.") || strings.HasPrefix(t, m.h.req+".cookies.") || strings.HasPrefix(t, m.h.req+".headers.")
	}
	return false
}

// mayBeUnset reports a variable of the function around the use x that is
// declared without a value or is given undefined somewhere in it:
//
//	let user; if (ok) user = await load(); res.json(user) => true
//	const user = await load(); res.json(user)            => false (its value is not known, and rarely undefined)
func (m *migration) mayBeUnset(x *Node) bool {
	fn := enclosingFunction(x)
	if fn == nil {
		return false
	}
	name := m.text(x)
	// The declarations of name in the function, and where each binds it.
	type decl struct{ d, scope *Node }
	var decls []decl
	var cleared []*Node // name = undefined
	fn.Walk(func(n *Node) bool {
		switch n.Kind {
		case "variable_declarator":
			if id := n.ChildByField("name"); id != nil && id.Kind == "identifier" && m.text(id) == name {
				if s := declScope(n); s != nil {
					decls = append(decls, decl{n, s})
				}
			}
		case "assignment_expression":
			if l := n.ChildByField("left"); l != nil && l.Kind == "identifier" && m.text(l) == name && isUndefinedValue(m, n.ChildByField("right")) {
				cleared = append(cleared, n)
			}
		}
		return true
	})
	// innermost is the declaration a use at n refers to, or nil.
	innermost := func(n *Node) *decl {
		var in *decl
		for i, d := range decls {
			if d.scope.Contains(n) && (in == nil || in.scope.Contains(d.scope)) {
				in = &decls[i]
			}
		}
		return in
	}
	own := innermost(x)
	if own == nil {
		return false // a parameter or a module-level value: not known here
	}
	if v := own.d.ChildByField("value"); v == nil && !m.assignedBefore(x, name, fn) || v != nil && isUndefinedValue(m, v) {
		return true
	}
	for _, a := range cleared {
		if innermost(a) == own {
			return true
		}
	}
	return false
}

// assignedBefore reports whether name is surely given a value before the
// statement holding x runs: an earlier statement of a block around it
// assigns it, or a try block assigns it and its catch leaves the function.
//
//	let d; d = load(); res.json(d)                                   => true
//	let d; try { d = await load() } catch { return res.end() } res.json(d) => true
//	let d; if (ok) d = load(); res.json(d)                           => false
func (m *migration) assignedBefore(x *Node, name string, fn *Node) bool {
	assigns := func(st *Node) bool {
		e := firstNamed(st)
		if st.Kind != "expression_statement" || e == nil || e.Kind != "assignment_expression" {
			return false
		}
		l := e.ChildByField("left")
		return l != nil && l.Kind == "identifier" && m.text(l) == name && !isUndefinedValue(m, e.ChildByField("right"))
	}
	for at := x; at != nil && at != fn; at = at.Parent {
		block := at.Parent
		if block == nil || block.Kind != "statement_block" && block.Kind != "program" {
			continue
		}
		for _, st := range block.Children {
			if st == at {
				break
			}
			if assigns(st) {
				return true
			}
			if st.Kind == "try_statement" {
				body, handler := st.ChildByField("body"), st.ChildByField("handler")
				leaves := handler == nil || exits(m.src, handler.ChildByField("body"), "")
				if body != nil && leaves && st.ChildByField("finalizer") == nil {
					for _, c := range body.Children {
						if assigns(c) {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

// firstNamed returns n's first named child that is not a comment.
func firstNamed(n *Node) *Node {
	for _, c := range n.Children {
		if c.Named && c.Kind != "comment" {
			return c
		}
	}
	return nil
}

// isUndefinedValue reports the expressions undefined and void 0.
func isUndefinedValue(m *migration, v *Node) bool {
	v = codemod.Unparen(v)
	if v == nil {
		return false
	}
	switch v.Kind {
	case "undefined":
		return true
	case "unary_expression":
		return strings.HasPrefix(compact(m.text(v)), "void")
	}
	return m.text(v) == "undefined"
}

// justAssigned reports a subscript that the statement right before the
// send assigns a value that is never undefined:
//
//	a[k] = { ... }; res.json(a[k]) => Response.json(a[k])   (no TODO)
func (m *migration) justAssigned(a *Node) bool {
	st := enclosingStatement(a)
	if st.Kind != "expression_statement" && st.Kind != "return_statement" {
		return false // a condition or loop around the send could change a[k]
	}
	if strings.ContainsAny(m.text(a), "()=+-") {
		return false // a call, assignment or ++ could make a[k] another element
	}
	prev := prevStatement(st)
	if prev == nil || prev.Kind != "expression_statement" {
		return false
	}
	as := codemod.Unparen(firstNamed(prev))
	if as == nil || as.Kind != "assignment_expression" {
		return false
	}
	left, right := as.ChildByField("left"), codemod.Unparen(as.ChildByField("right"))
	if left == nil || right == nil || compact(m.text(left)) != compact(m.text(a)) {
		return false
	}
	switch right.Kind {
	case "object", "array", "string", "template_string", "number", "true", "false", "new_expression":
		return true
	}
	return false
}

// compact drops the spaces, tabs and line breaks of s.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
}

// isArrayish reports calls that make an array by their shape.
func (m *migration) isArrayish(a *Node) bool {
	if a.Kind != "call_expression" {
		return false
	}
	switch t := m.text(a.ChildByField("function")); t {
	case "Array.from", "Array.of", "Object.keys", "Object.values":
		return true
	}
	_, prop, ok := member(m.src, a.ChildByField("function"))
	if !ok {
		return false
	}
	switch prop {
	case "map", "filter", "split", "flat", "flatMap":
		return true
	}
	return false
}
