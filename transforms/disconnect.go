package transforms

// rewriteCloseListener turns a listener for the client's disconnect into
// one on the request's abort signal. It reports whether mem (req.prop)
// starts such a listener.
//
//	req.on("close", fn) / req.once("close", fn)  => req.signal.addEventListener("abort", fn)
//	req.socket.on("close", fn) (or connection)   => req.signal.addEventListener("abort", fn)
//
// req.signal, not a stream's cancel(): the listener stays where it is, in
// the scope of what it cleans up (a timer, a subscription), which a
// cancel() written into a ReadableStream's source could not see; and
// Next.js 16 aborts the signal exactly when the Node response closes before
// it finished (signalFromNodeResponse in next-request.js, 16.4.6), the same
// event on which it cancels a streamed body, and before it. The listener is
// what pages code meant: on Node 18+ a pages request emitted "close" once
// its body had been read (Next.js reads it before the handler runs), so the
// listener ran at once or never; a socket's "close" came at the disconnect,
// or, on a kept-alive connection, whenever the connection closed later. A
// report note says so.
func (m *migration) rewriteCloseListener(mem *Node, prop string) bool {
	on := mem
	if prop == "socket" || prop == "connection" {
		p := mem.Parent
		if p == nil || p.Kind != "member_expression" || mem.Field != "object" {
			return false
		}
		_, prop, _ = member(m.src, p)
		on = p
	}
	if prop != "on" && prop != "once" && prop != "addListener" {
		return false
	}
	call := on.Parent
	if call == nil || call.Kind != "call_expression" || on.Field != "function" || call.Parent == nil || call.Parent.Kind != "expression_statement" {
		return false
	}
	args := callArgs(call)
	if len(args) != 2 {
		return false
	}
	if ev, ok := stringValue(m.src, args[0]); !ok || ev != "close" {
		return false
	}
	if k := args[1].Kind; k != "arrow_function" && k != "function_expression" && k != "identifier" {
		return false
	}
	m.f.ReplaceNode(on, m.h.req+".signal.addEventListener")
	m.f.ReplaceNode(args[0], quoteLike(m.src, args[0], "abort"))
	m.f.Note("%s's close listener now listens to %s.signal's abort, which Next.js fires when the client disconnects before the response finished; in pages (Node 18+) a request emitted close once its body had been read, so the listener ran at once or never (a socket's close came at the disconnect, or on a kept-alive connection when it closed later)", m.h.req, m.h.req)
	return true
}

// quoteLike writes s as a string literal in the quotes of lit.
func quoteLike(src []byte, lit *Node, s string) string {
	q := "\""
	if lit.End > lit.Start {
		if c := src[lit.Start]; c == '\'' || c == '`' {
			q = string(c)
		}
	}
	return q + s + q
}
