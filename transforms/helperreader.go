package transforms

import (
	"strings"
)

// Request-reading helpers take the pages request (getUser(req),
// parseBody(req), getIp(req)) and return what they read. They are
// rewritten to read a NextRequest with the rules of routes; one that now
// reads the body (await req.json()) becomes async, and its callers await it:
//
//	export function parseBody(req: NextApiRequest) { return req.body as Note }
//	  => export async function parseBody(req: NextRequest) { return (await req.json()) as Note }
//	const note = parseBody(req)            => const note = await parseBody(req)
//	export function getIp(req) { return req.headers["x-forwarded-for"] ?? "" }
//	  => export function getIp(req) { return req.headers.get("x-forwarded-for") ?? undefined ?? "" }

// readerFrame builds the frame of a request-reading helper h.
func (m *migration) readerFrame(h *handler, p *planned) *frame {
	fr := &frame{h: h, call: p.appName(), awaits: p.async}
	if h.body.Kind == "statement_block" {
		fr.funcs = []*outFunc{{parts: []part{m.bodyPart(h.body)}, tail: h.body}}
		fr.ends = map[*Node]bool{h.body: true}
	} else {
		fr.funcs = []*outFunc{{expr: h.body}}
		fr.ends = map[*Node]bool{}
	}
	p.what = "reads a NextRequest"
	return fr
}

// rewriteReaderCall rewrites a call that hands req to a request-reading
// helper: the name its app version has, and an await when that version
// became async:
//
//	const body = parseBody(req) => const body = await parseBody(req)
//	parseBody(req).name         => (await parseBody(req)).name
func (m *migration) rewriteReaderCall(call *Node, fr *frame) {
	callee := call.ChildByField("function")
	name := m.text(callee)
	if fr.call != "" {
		name = fr.call
	}
	awaited := call.Parent != nil && call.Parent.Kind == "await_expression"
	if !fr.awaits || awaited {
		if name != m.text(callee) {
			m.f.ReplaceNode(callee, name)
		}
		return
	}
	if enclosingFunction(call) != m.h.fn {
		m.f.Todo(enclosingStatement(call).Start, "%s() now reads the request body and returns a Promise: await it here (routemod awaits it only in the function it rewrites)", strings.TrimSpace(m.text(callee)))
		if name != m.text(callee) {
			m.f.ReplaceNode(callee, name)
		}
		return
	}
	m.needAsync(call.Start)
	if p := call.Parent; p != nil && (p.Kind == "member_expression" || p.Kind == "subscript_expression" || p.Kind == "call_expression" || p.Kind == "non_null_expression") {
		m.f.Replace(callee.Start, callee.End, "(await "+name)
		m.f.Insert(call.End, ")")
		return
	}
	m.f.Replace(callee.Start, callee.End, "await "+name)
}
