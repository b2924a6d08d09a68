package transforms

import (
	"slices"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// Header-setting helpers set headers or cookies on res and leave the
// response to their caller. Their app version takes the caller's Headers
// where it took res, and the caller puts them on every Response it
// returns, as it does with the headers it sets itself (response.go):
//
//	export function setCookie(res: NextApiResponse, name: string, value: string) { res.setHeader("Set-Cookie", serialize(name, value)) }
//	  => export function setCookie(headers: Headers, name: string, value: string) { headers.delete("Set-Cookie"); for (...) headers.append("Set-Cookie", value) }
//	setCookie(res, "token", t); res.status(200).json(user)
//	  => const headers = new Headers(); ... setCookie(headers, "token", t); return Response.json(user, { headers })
//
// A guard that sets headers (rateLimit(req, res) sets X-RateLimit-* on
// every call and answers 429 when over) takes the Headers too: the
// Response it answers with carries them, and so do its caller's later ones.

// headerMembers are the members of res a header-setting helper calls.
var headerMembers = []string{"setHeader", "appendHeader", "removeHeader", "getHeader", "hasHeader"}

// onlyHeaderMembers reports whether members (what a helper calls on res
// itself) are header calls only.
func onlyHeaderMembers(members []string) bool {
	if len(members) == 0 {
		return false
	}
	for _, mem := range members {
		if !slices.Contains(headerMembers, mem) {
			return false
		}
	}
	return true
}

// resEffects reads what the helper h does with res in its own function:
// sends (a send chain, or a planned helper that sends it is handed res),
// writes headers (setHeader, appendHeader, removeHeader, or a planned
// header-setting helper it hands res to), sets the status on its own
// (res.status(n); res.statusCode = n; res.writeHead(n)).
func (m *migration) resEffects(h *handler) (sends, headers, status bool) {
	references(m.src, h.fn, h.res, func(r *Node) {
		if enclosingFunction(r) != h.fn {
			return
		}
		if p := r.Parent; p != nil && p.Kind == "arguments" && p.Parent != nil && p.Parent.Kind == "call_expression" {
			switch q := m.plannedCallee(p.Parent); {
			case q == nil:
			case q.headers && !q.guard:
				headers = true
			default:
				sends = true
			}
			return
		}
		var names []string
		cur := r
		for {
			p := cur.Parent
			if p == nil || p.Kind != "member_expression" || cur.Field != "object" {
				break
			}
			_, prop, _ := member(m.src, p)
			names = append(names, prop)
			if pp := p.Parent; pp != nil && pp.Kind == "call_expression" && p.Field == "function" {
				cur = pp
				continue
			}
			break
		}
		if len(names) == 0 {
			return
		}
		switch last := names[len(names)-1]; last {
		case "json", "send", "end", "redirect", "write":
			sends = true
		case "setHeader", "appendHeader", "removeHeader":
			headers = true
		case "status", "statusCode", "writeHead", "statusMessage":
			status = true
		}
	})
	return sends, headers, status
}

// plannedCallee returns the planned helper a call goes to (of this module
// or another), nil when none.
func (m *migration) plannedCallee(call *Node) *planned {
	c := call.ChildByField("function")
	if c == nil || c.Kind != "identifier" {
		return nil
	}
	if p := m.plan.helper(helperKey{m.f.Path, m.text(c)}); p != nil {
		return p
	}
	return m.plannedFor(c)
}

// headerSetterFrame builds the frame of a helper that sets headers on res
// and never sends: its res becomes the Headers its callers pass.
func (m *migration) headerSetterFrame(h *handler, p *planned) (*frame, string) {
	if h.body.Kind != "statement_block" {
		// (res) => res.setHeader(k, v) returned the response (setHeader chains)
		return nil, "its arrow returns what it calls on the response"
	}
	why := ""
	if h.req != "" {
		references(m.src, h.fn, h.req, func(r *Node) {
			if a := r.Parent; why == "" && a != nil && a.Kind == "arguments" && a.Parent != nil && a.Parent.Kind == "call_expression" && m.plannedCallee(a.Parent) == nil {
				// fn(req, {}, resolve): a middleware would get a NextRequest where it read a Node request
				why = "it hands the request to " + m.text(a.Parent.ChildByField("function")) + "(), which would get a NextRequest"
			}
		})
	}
	params := paramNames(m, h.fn)
	h.fn.Walk(func(n *Node) bool {
		if c := n.ChildByField("function"); why == "" && n.Kind == "call_expression" && c != nil && c.Kind == "identifier" && slices.Contains(params, m.text(c)) {
			// runMiddleware(req, res, fn): fn(req, ...) is a middleware that read the pages request
			why = "it calls " + m.text(c) + "(), a function it is given, which may read the pages request or response"
		}
		return why == ""
	})
	if why != "" {
		return nil, why
	}
	h.headersParam = true
	p.headers = true
	fr := &frame{h: h, call: p.appName(), funcs: []*outFunc{{parts: []part{m.bodyPart(h.body)}, headersVar: true}}, ends: map[*Node]bool{}}
	p.what = "sets its headers on the Headers its callers pass, which put them on their Response"
	return fr, ""
}

// rewriteHeaderSetterCall rewrites a call that hands res to a
// header-setting helper: it takes the caller's Headers in res's place (the
// functions holding it keep their headers in a local, see rewriteResponse):
//
//	setCookie(res, "token", t) => setCookie(headers, "token", t)
func (m *migration) rewriteHeaderSetterCall(u resUse, call *Node, fr *frame) {
	if enclosingFunction(call) != m.h.fn {
		m.f.Todo(enclosingStatement(call).Start, "%s() sets headers for the response, here inside a callback: call it where the handler builds its Response, and put them on it", fr.h.name)
		return
	}
	m.varsAt(call.Start)
	if callee := call.ChildByField("function"); fr.call != "" && fr.call != m.text(callee) {
		m.f.ReplaceNode(callee, fr.call)
	}
	m.f.ReplaceNode(u.ref, m.headersName())
}

// setsHeadersThrough reports whether u hands res to a header-setting
// helper (a guard that sets headers included) from the function being
// rewritten: the functions holding it keep their headers in a local.
func (m *migration) setsHeadersThrough(u resUse) bool {
	if len(u.links) != 0 {
		return false
	}
	p := u.top.Parent
	if p == nil || p.Kind != "arguments" || p.Parent == nil || enclosingFunction(p.Parent) != m.h.fn {
		return false
	}
	fr := m.helperOf(p.Parent)
	return fr != nil && fr.h != m.h && fr.h.headersParam
}

// headersParamDoc rewrites the JSDoc line of a header-setting helper's
// response parameter:
//
//	@param {import('next').NextApiResponse} res => @param {Headers} headers
func (m *migration) headersParamDoc(line string) (string, bool) {
	if rest, one := strings.CutPrefix(line, "/**"); one {
		// /** @param {import('next').NextApiResponse} res */ => /** @param {Headers} headers */
		rest, _ = m.headersParamDoc(rest)
		return "/**" + rest, true
	}
	typ, name, ok := jsdocParam(line)
	if !ok || !m.h.headersParam || name != m.h.res || !strings.Contains(typ, "NextApiResponse") {
		return line, false
	}
	open := jsdocParamHead.FindStringIndex(line)[1]
	close := open + len(typ)
	k := strings.Index(line[close:], name) + close
	return line[:open] + "Headers" + line[close:k] + m.headersName() + line[k+len(name):], true
}

// isHeaderRead reports a read of the headers set so far that
// rewriteHeaderRead translates.
func (m *migration) isHeaderRead(u resUse) bool {
	if len(u.links) != 1 || u.links[0].call == nil || len(u.links[0].args) != 1 {
		return false
	}
	switch u.links[0].name {
	case "hasHeader":
		return true
	case "getHeader":
		a := u.links[0].args[0]
		return a.Kind == "string" && isSetCookie(m.text(a))
	}
	return false
}

// rewriteHeaderRead reads the headers set so far from the Headers that
// holds them. Node's getHeader gave the Set-Cookie values as they were
// set (a string or an array) or undefined; they are all appended to the
// Headers, whose getSetCookie() gives them as an array:
//
//	res.hasHeader(k)              => headers.has(k)
//	res.getHeader("Set-Cookie")   => (headers.has("Set-Cookie") ? headers.getSetCookie() : undefined)
func (m *migration) rewriteHeaderRead(u resUse) bool {
	if !m.isHeaderRead(u) {
		return false
	}
	m.varsAt(u.top.Start)
	hd := m.headersName()
	l := u.links[0]
	m.replaceFolding(u.top.Start, u.top.End, func(cp func(*Node) string) string {
		k := cp(l.args[0])
		if l.name == "hasHeader" {
			return hd + ".has(" + k + ")"
		}
		expr := hd + ".has(" + k + ") ? " + hd + ".getSetCookie() : undefined"
		if p := u.top.Parent; p != nil && (p.Kind == "variable_declarator" || p.Kind == "parenthesized_expression") {
			return expr
		}
		return "(" + expr + ")"
	})
	return true
}

// stateSetBefore reports whether the function being rewritten may have
// set the status, or headers, on res when control reaches call: a write
// before it in an output function that holds both, or one in a loop
// around it. A helper's own Response does not carry them.
//
//	res.setHeader("X", "1"); return sendError(res, 400, m) => headers (the 400 lost X)
//	if (bad) return sendError(res, 400, m); res.setHeader("X", "1") => neither
func (m *migration) stateSetBefore(call *Node) (status, headers bool) {
	if m.h.res == "" {
		return false, false
	}
	var loops []*Node
	for p := call.Parent; p != nil && p != m.h.fn; p = p.Parent {
		switch p.Kind {
		case "for_statement", "for_in_statement", "while_statement", "do_statement":
			loops = append(loops, p)
		}
	}
	shares := func(n *Node) bool {
		for _, a := range m.scopesAt(n.Start) {
			for _, b := range m.scopesAt(call.Start) {
				if a == b {
					return true
				}
			}
		}
		return false
	}
	for _, u := range m.resUses() {
		through := m.setsHeadersThrough(u)
		if !m.isStandaloneState(u) && !through || u.top.Start >= call.Start && !slices.ContainsFunc(loops, func(l *Node) bool { return l.Contains(u.top) }) {
			continue
		}
		if u.top == call || call.Contains(u.top) || !shares(u.top) {
			continue
		}
		switch name := u.links; {
		case through:
			headers = true
		case name[0].name == "status" || name[0].name == "statusCode":
			status = true
		case name[0].name == "writeHead":
			status, headers = true, true
		default:
			headers = true
		}
	}
	return status, headers
}

// mergeHeaders reports whether the Response of the helper fr called at
// call must take the headers set before it, and marks the call when it
// cannot: a status set before it (pages answered with it where the
// helper set none), or headers the helper sets too.
func (m *migration) mergeHeaders(call *Node, fr *frame) bool {
	status, headers := m.stateSetBefore(call)
	switch {
	case status || headers && fr.ownHeaders:
		m.f.Todo(enclosingStatement(call).Start, "status or headers set on res before this call are not on the Response %s() answers with: pass them in, or set them on that Response", fr.h.name)
		return false
	case headers:
		return true
	}
	return false
}

// withHeaders wraps the text of a helper's Response in the call that puts
// the headers set before it on it, and writes that function once at the
// end of the file:
//
//	setCookie(res, "seen", "1"); return sendError(res, 400, m)
//	  => setCookie(headers, "seen", "1"); return withHeaders(sendError(400, m), headers)
//	function withHeaders(response: Response, headers: Headers) { ... } (once)
//
// Each header set before goes on the Response unless the helper's Response
// has it (Response.json's Content-Type: in pages res.json replaced it);
// cookies add up (forEach gives each Set-Cookie apart, the others once,
// joined). A helper that sets headers itself is marked instead (see
// mergeHeaders). A helper's Response is one routemod wrote
// (Response.json, new Response), whose headers can be changed.
func (m *migration) withHeaders(response string) string {
	name := m.name("withHeaders", "withHeaders", "withRouteHeaders")
	if !m.wroteWithHeaders {
		m.wroteWithHeaders = true
		eol, ind, semi := m.f.Style.EOL, m.f.Style.Indent, m.semi()
		head := "// " + name + " puts the headers set before a helper answered on its Response, as pages sent them with it." + eol +
			"function " + name + "(response: Response, headers: Headers) {"
		if !m.f.TypeScript {
			head = "/**" + eol + " * " + name + " puts the headers set before a helper answered on its Response, as pages sent them with it." + eol +
				" * @param {Response} response" + eol + " * @param {Headers} headers" + eol + " */" + eol +
				"function " + name + "(response, headers) {"
		}
		lines := []string{
			head,
			ind + "headers.forEach((value, key) => {",
			ind + ind + "if (key === \"set-cookie\" || !response.headers.has(key)) response.headers.append(key, value)" + semi,
			ind + "})" + semi,
			ind + "return response" + semi,
			"}",
		}
		text := eol + strings.Join(lines, eol) + eol
		if !strings.HasSuffix(string(m.src), "\n") {
			text = eol + text
		}
		m.f.Insert(len(m.src), text)
	}
	return name + "(" + response + ", " + m.headersName() + ")"
}

// mayWriteSetCookie reports whether the function being rewritten may set
// a Set-Cookie header on res: a header write whose name is Set-Cookie or
// not a plain string, or a header-setting helper it hands res to.
func (m *migration) mayWriteSetCookie() bool {
	for _, u := range m.resUses() {
		if m.setsHeadersThrough(u) {
			return true
		}
		if !m.isStandaloneState(u) {
			continue
		}
		switch l := u.links[0]; l.name {
		case "setHeader", "appendHeader":
			if k := l.args[0]; k.Kind != "string" || isSetCookie(m.text(k)) {
				return true
			}
		case "writeHead":
			if len(l.args) > 1 && strings.Contains(strings.ToLower(m.text(l.args[len(l.args)-1])), "cookie") || len(l.args) > 1 && codemod.Unparen(l.args[len(l.args)-1]).Kind != "object" {
				return true
			}
		}
	}
	return false
}
