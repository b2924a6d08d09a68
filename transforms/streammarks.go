package transforms

// streamMark says why a streaming use of res that no rule translated
// cannot keep its meaning in a route handler, or "" for the generic
// marker.
//
//	if (!res.write(x)) / const ok = res.write(x)  => back-pressure: write's return value
//	res.once("drain", f) / once(res, "drain")     => back-pressure: the drain event
//	res.write(x); res.setHeader(k, v) / writeHead => a header after the first write
//	res.socket.setNoDelay(true) / res.setTimeout(n) => socket tuning
func (m *migration) streamMark(u resUse) string {
	res := m.h.res
	if len(u.links) == 0 {
		if call := argumentOf(u.ref); call != nil {
			fn := m.text(callee(call))
			if a := callArgs(call); (fn == "once" || fn == "events.once" || fn == "on" || fn == "events.on") && len(a) == 2 && a[0] == u.ref {
				if ev, ok := stringValue(m.src, a[1]); ok && ev == "drain" {
					return backPressure("the drain event")
				}
			}
		}
		return ""
	}
	l := u.links[0]
	switch l.name {
	case "write":
		if len(u.links) == 1 && l.call != nil {
			if p := l.call.Parent; p != nil && p.Kind != "expression_statement" && !(p.Kind == "arrow_function" && l.call.Field == "body") {
				return backPressure(res + ".write's return value")
			}
		}
	case "on", "once", "addListener", "prependListener", "prependOnceListener":
		if ev, ok := stringValue(m.src, firstArg(l.args)); ok && ev == "drain" {
			return backPressure("the drain event")
		}
	case "socket", "connection", "setTimeout":
		return res + "." + l.name + " tunes the connection (setNoDelay, setTimeout, setKeepAlive, ...): a route handler has no socket, Next.js owns the connection; drop it, or set the timeout on the server"
	case "setHeader", "appendHeader", "removeHeader", "writeHead":
		if len(u.links) == 1 && m.afterWrite(u) {
			return res + "." + l.name + " after a " + res + ".write: Node threw ERR_HTTP_HEADERS_SENT here, and a Response's status and headers are fixed before its body streams: move it before the first write, or drop it"
		}
	}
	return ""
}

// backPressure is the marker text for a use of Node's back-pressure
// (what: the write's return value or the drain event).
func backPressure(what string) string {
	return what + " is Node's back-pressure, which a ReadableStream's start() has not: write the chunks from pull(controller), which runs when the client wants more, or enqueue them and drop the wait"
}

// afterWrite reports whether u's statement follows, in the same block, a
// statement that writes to res (res.write(x); ...; res.setHeader(k, v)).
func (m *migration) afterWrite(u resUse) bool {
	st := u.top.Parent
	if st == nil || st.Kind != "expression_statement" || st.Parent == nil || st.Parent.Kind != "statement_block" {
		return false
	}
	for _, c := range statements(st.Parent) {
		if c == st {
			break
		}
		wrote := false
		c.Walk(func(n *Node) bool {
			if n.Kind == "member_expression" && m.text(n) == m.h.res+".write" && !m.isShadowed(n, m.h.res) {
				wrote = true
			}
			return !wrote && n.Kind != "arrow_function" && n.Kind != "function_expression"
		})
		if wrote {
			return true
		}
	}
	return false
}
