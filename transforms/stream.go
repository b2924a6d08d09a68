package transforms

import (
	"strings"

	"github.com/routemod/routemod/codemod"
)

// rewriteStreams turns the simplest streaming response into a Web stream:
// status and headers set before any write, then res.write calls (straight
// on, or in for / for-of / for-await loops and ifs), then res.end as the
// last thing the function does. It returns the starts of the res
// references it rewrote; every other use is left to the other rules.
//
//	res.setHeader(k, v); for (...) res.write(`a${x}`); res.end("done")
//	  => headers.set(k, v); const encoder = new TextEncoder();
//	     const stream = new ReadableStream({ async start(controller) { try {
//	       for (...) controller.enqueue(encoder.encode(`a${x}`)); controller.enqueue(encoder.encode("done")); controller.close();
//	     } catch (error) { controller.error(error); } } });
//	     return new Response(stream, { headers })
//	res.write(Buffer.from(x)) / res.write(new Uint8Array(n)) => controller.enqueue(Buffer.from(x)) (bytes as they are)
//	res.flushHeaders(); res.flush(); (res as any).flush() => dropped (see flushStatement)
//
// The shape is refused (the TODOs stay) when anything else in the function
// touches res (res.on, res.socket, a write's return value, a
// header or status set after a write, res in a callback), when a chunk is
// neither a string nor bytes by its shape, when a statement in the stream
// returns, hoists (var, function) or reads this/arguments, when the
// response sits inside a try (pages' catch would no longer see the loop's
// errors), or when the status may be 204, 205 or 304.
func (m *migration) rewriteStreams(uses []resUse) map[int]bool {
	if m.h.helper {
		return nil // a helper's Response goes back through its callers: not this rule
	}
	if at := m.rewritePipe(uses); at >= 0 {
		return map[int]bool{at: true}
	}
	var plan *streamPlan
	for _, u := range uses {
		if len(u.links) == 1 && u.links[0].name == "end" {
			if p := m.planStream(u, uses); p != nil {
				if plan != nil {
					return nil // two streams in one handler: not the simple shape
				}
				plan = p
			}
		}
	}
	if plan == nil {
		plan = m.planTimedStream(uses)
	}
	if plan == nil {
		return nil
	}
	m.writeStream(plan)
	done := map[int]bool{}
	if t := plan.timed; t != nil {
		m.f.Note("the response now streams from a ReadableStream that starts at once; the timers that write to it are cleared when the client disconnects (req.signal's abort), where pages kept them writing to a closed connection")
		for _, u := range append(t.ends, t.listeners...) {
			done[u.ref.Start] = true
		}
	} else {
		m.f.Note("the response now streams from a ReadableStream that starts at once: an error thrown in the write loop ends the stream after its status was sent (pages answered 500 when nothing had been written yet), and a client that disconnects stops the loop at its next write (pages ran it to the end)")
		done[plan.end.ref.Start] = true
	}
	for _, w := range plan.writes {
		done[w.ref.Start] = true
	}
	headersEarly := false
	for _, d := range plan.drops {
		done[d.ref.Start] = true
		headersEarly = headersEarly || d.name == "flushHeaders"
	}
	if headersEarly {
		m.f.Note("res.flushHeaders() goes: Next.js sends the status and headers with the stream's first chunk, not before it (an EventSource client opens then)")
	}
	return done
}

// streamPlan is one recognised stream: the statements from the first
// write (first) up to the res.end statement (endSt), the writes inside,
// and how each chunk is enqueued.
type streamPlan struct {
	end    resUse
	endSt  *Node
	first  *Node
	writes []resUse
	drops  []flushUse     // res.flush() / res.flushHeaders() statements that go
	timed  *timedStream   // a stream written from timers (no end, no endSt; writes in callbacks)
	text   map[*Node]bool // chunk => encode it (a string); otherwise bytes as they are
}

// flushUse is a res.flush() or res.flushHeaders() statement.
type flushUse struct {
	resUse
	st   *Node
	name string // flush or flushHeaders
}

// planStream reports the stream that ends with end (a res.end use), or nil.
func (m *migration) planStream(end resUse, uses []resUse) *streamPlan {
	l := end.links[0]
	ctx, st := m.contextOf(end)
	if l.call == nil || len(l.args) > 1 || ctx != ctxStatement || enclosingFunction(end.top) != m.h.fn {
		return nil
	}
	block := st.Parent
	if block == nil || block.Kind != "statement_block" || !m.isTail(st) && m.bareReturnAfter(st) == nil {
		return nil
	}
	for c := st.Parent; c != nil && c != m.h.fn; c = c.Parent {
		if c.Kind == "try_statement" || c.Kind == "catch_clause" || c.Kind == "finally_clause" {
			return nil
		}
	}
	var first *Node
	for _, c := range statements(block) {
		if c == st {
			break
		}
		if first == nil && m.holdsWrite(c, uses) {
			first = c
		}
	}
	if first == nil {
		return nil // a plain res.end: the send rule's
	}
	plan := &streamPlan{end: end, endSt: st, first: first, text: map[*Node]bool{}}
	for _, u := range uses {
		if u.ref == end.ref {
			continue
		}
		in := u.top.Start >= first.Start && u.top.End <= st.Start
		fs, name := m.flushStatement(u)
		if fs != nil {
			if fs.Parent != block && !in || fs.Start > st.Start {
				return nil // a flush on another path: not this stream's
			}
			if in && !m.loopPath(fs, block) {
				return nil
			}
			plan.drops = append(plan.drops, flushUse{u, fs, name})
			continue
		}
		if !in {
			if !m.plainUseOutside(u) {
				return nil
			}
			continue
		}
		if len(u.links) != 1 {
			return nil // (res as any).flush(), res.write(a).on(...), res itself
		}
		if wl := u.links[0]; wl.name != "write" || wl.call == nil || len(wl.args) != 1 {
			return nil
		}
		if c, _ := m.contextOf(u); c != ctxStatement || !m.loopPath(enclosingStatementOf(u.top), block) {
			return nil
		}
		plan.writes = append(plan.writes, u)
	}
	if !m.streamBodyOK(first, st) {
		return nil
	}
	chunks := []*Node{}
	for _, w := range plan.writes {
		chunks = append(chunks, w.links[0].args[0])
	}
	if len(l.args) == 1 {
		chunks = append(chunks, l.args[0])
	}
	for _, c := range chunks {
		switch m.chunkKind(c) {
		case "text":
			plan.text[c] = true
		case "bytes":
		default:
			return nil
		}
	}
	statusVar := false
	for _, fn := range m.scopesAt(st.Start) {
		statusVar = statusVar || fn.statusVar
	}
	if m.mayBeNullBodyStatus(m.staticStatus[st], statusVar) {
		return nil
	}
	return plan
}

// flushStatement returns the statement u makes when it only flushes:
// res.flush() (the compression middleware's), res.flushHeaders(), also
// optional (res.flush?.()) or through a cast ((res as any).flush()); nil
// otherwise. In a streamed response both go: Next.js writes each chunk of
// a Web stream as it comes and calls res.flush() after it itself (its
// pipe-readable.js, 16.4.6), and sends the headers with the first chunk.
//
//	res.flushHeaders(); / res.flush(); / (res as any).flush(); => dropped
func (m *migration) flushStatement(u resUse) (*Node, string) {
	name, call := "", (*Node)(nil)
	switch {
	case len(u.links) == 1 && u.links[0].call != nil && len(u.links[0].args) == 0:
		name, call = u.links[0].name, u.links[0].call
	case len(u.links) == 0:
		// (res as any).flush()
		n := u.ref
		for p := n.Parent; p != nil && (p.Kind == "as_expression" || p.Kind == "parenthesized_expression" || p.Kind == "non_null_expression"); p = n.Parent {
			n = p
		}
		p := n.Parent
		if n == u.ref || p == nil || p.Kind != "member_expression" || n.Field != "object" {
			return nil, ""
		}
		_, prop, _ := member(m.src, p)
		if c := p.Parent; c != nil && c.Kind == "call_expression" && p.Field == "function" && len(callArgs(c)) == 0 {
			name, call = prop, c
		}
	}
	if name != "flush" && name != "flushHeaders" || call == nil {
		return nil, ""
	}
	if st := call.Parent; st != nil && st.Kind == "expression_statement" {
		return st, name
	}
	return nil, ""
}

// holdsWrite reports whether statement c holds a res.write use.
func (m *migration) holdsWrite(c *Node, uses []resUse) bool {
	for _, u := range uses {
		if len(u.links) > 0 && u.links[0].name == "write" && u.top.Start >= c.Start && u.top.End <= c.End {
			return true
		}
	}
	return false
}

// plainUseOutside reports a use of res outside the stream that the other
// rules translate on their own: a send or a status or header set, in the
// handler itself (not a callback).
func (m *migration) plainUseOutside(u resUse) bool {
	if len(u.links) == 0 || enclosingFunction(u.top) != m.h.fn {
		return false
	}
	for _, l := range u.links {
		switch l.name {
		case "status", "statusCode", "setHeader", "appendHeader", "removeHeader", "writeHead", "json", "send", "end", "redirect":
		default:
			return false
		}
	}
	return true
}

// enclosingStatementOf returns the expression statement around a write.
func enclosingStatementOf(n *Node) *Node {
	for p := n; p != nil; p = p.Parent {
		if p.Kind == "expression_statement" {
			return p
		}
	}
	return n
}

// loopPath reports whether st sits in block only through blocks, loops
// (for, for-of, for-await) and ifs.
func (m *migration) loopPath(st, block *Node) bool {
	for c := st.Parent; c != block; c = c.Parent {
		if c == nil {
			return false
		}
		switch c.Kind {
		case "statement_block", "for_statement", "for_in_statement", "if_statement", "else_clause":
		default:
			return false
		}
	}
	return true
}

// streamBodyOK reports whether the statements from first up to end can
// move into the stream's start(): none returns, yields, hoists a var or a
// function, reads this or arguments, or breaks to a label.
func (m *migration) streamBodyOK(first, end *Node) bool {
	ok := true
	for c := first; c != nil && c != end; c = c.NextNamedSibling() {
		c.Walk(func(n *Node) bool {
			switch n.Kind {
			case "arrow_function":
				n.Walk(func(x *Node) bool {
					if x.Kind == "this" || x.Kind == "identifier" && m.text(x) == "arguments" {
						ok = false
					}
					return ok && x.Kind != "function_expression" && x.Kind != "function_declaration" && x.Kind != "method_definition"
				})
				return false
			case "function_expression", "method_definition", "class", "generator_function":
				return false
			case "return_statement", "yield_expression", "variable_declaration", "function_declaration", "generator_function_declaration", "class_declaration", "this":
				ok = false
			case "break_statement", "continue_statement":
				if n.ChildByField("label") != nil {
					ok = false
				}
			case "identifier":
				if m.text(n) == "arguments" {
					ok = false
				}
			}
			return ok
		})
		if !ok {
			return false
		}
	}
	return true
}

// chunkKind says how a written chunk is enqueued: "text" (a string by its
// shape: encoded as UTF-8, as Node wrote it), "bytes" (a Buffer or a
// Uint8Array: as it is), or "" (unknown: the shape is refused).
//
//	"a", `a${x}`, "a" + x, x + "\n", String(x), await r.text(), const s = "a"; s => text
//	Buffer.from(x), new Uint8Array(n), await r.buffer()                      => bytes
//	chunk, JSON.stringify(x), a + b (no string in sight)                     => ""
func (m *migration) chunkKind(a *Node) string {
	a = codemod.Unparen(a)
	if a == nil {
		return ""
	}
	switch a.Kind {
	case "string", "template_string":
		return "text"
	case "binary_expression":
		if m.text(a.ChildByField("operator")) == "+" && (m.chunkKind(a.ChildByField("left")) == "text" || m.chunkKind(a.ChildByField("right")) == "text") {
			return "text"
		}
		return ""
	case "new_expression":
		if c := a.ChildByField("constructor"); c != nil && m.text(c) == "Uint8Array" {
			return "bytes"
		}
		return ""
	case "call_expression":
		if m.text(a.ChildByField("function")) == "JSON.stringify" {
			return "" // undefined for undefined: Node threw, an encoder writes ""
		}
	case "identifier":
		if v := m.constInit(a); v != nil {
			return m.chunkKind(v)
		}
		return ""
	}
	if m.isBuffer(a) {
		return "bytes"
	}
	if m.isStringish(a) {
		return "text"
	}
	return ""
}

// writeStream rewrites a planned stream (see rewriteStreams).
func (m *migration) writeStream(p *streamPlan) {
	enc := ""
	for _, t := range p.text {
		if t {
			enc = m.name("encoder", "encoder", "textEncoder")
		}
	}
	ctl := m.name("controller", "controller", "streamController")
	stream := m.name("stream", "stream", "responseStream")
	errName := m.name("streamError", "error", "streamError")
	enqueue := func(chunk *Node) (string, string) {
		if p.text[chunk] {
			return ctl + ".enqueue(" + enc + ".encode(", "))"
		}
		return ctl + ".enqueue(", ")"
	}
	// res.write(x) => controller.enqueue(encoder.encode(x)), the chunk's own edits kept
	for _, w := range p.writes {
		call, arg := w.links[0].call, w.links[0].args[0]
		open, closing := enqueue(arg)
		m.f.Replace(call.Start, arg.Start, open)
		m.f.Replace(arg.End, call.End, closing)
	}
	for _, d := range p.drops {
		start, end := d.st.Start, d.st.End
		if onlySpaceBefore(m.src, start) && onlySpaceAfter(m.src, end) {
			start, end = codemod.LineStart(m.src, start), lineEnd(m.src, end)
		}
		m.f.Replace(start, end, "")
	}
	// The stream runs from the first write to the res.end that closes it
	// (bodyEnd, copied into start()), or for a timed stream to the last
	// statement of the handler (its ends are in the copied text).
	st, bodyEnd := p.endSt, 0
	var endArgs []*Node
	var after []string
	if p.timed != nil {
		after = m.writeTimed(p, ctl, enqueue)
		st = p.timed.last
		bodyEnd = st.End
	} else {
		endArgs = p.end.links[0].args
		bodyEnd = st.Start
	}
	statusVar, headersVar := m.varsAt(st.Start)
	_, initText := m.responseInit(m.staticStatus[st], statusVar, headersVar)
	ind := codemod.IndentAt(m.src, p.first.Start)
	unit, eol, semi := m.f.Style.Indent, m.f.Style.EOL, m.semi()
	in3 := ind + unit + unit + unit
	keep := m.inTemplate()
	next := m.bareReturnAfter(st)
	m.replaceFoldingRange(p.first.Start, st.End, func(cp func(*Node) string, cpRange func(a, b int, ri codemod.Reindent) string) string {
		body := cpRange(p.first.Start, bodyEnd, codemod.Reindent{Add: unit + unit + unit, Keep: keep})
		body = strings.TrimRight(body, " \t")
		var sb strings.Builder
		if enc != "" {
			sb.WriteString("const " + enc + " = new TextEncoder()" + semi + eol + ind)
		}
		sb.WriteString("const " + stream + " = new ReadableStream({" + eol)
		sb.WriteString(ind + unit + "async start(" + ctl + ") {" + eol)
		sb.WriteString(ind + unit + unit + "try {" + eol)
		sb.WriteString(in3 + body)
		if !strings.HasSuffix(body, "\n") {
			sb.WriteString(eol)
		}
		for _, a := range after {
			sb.WriteString(in3 + a + eol)
		}
		if len(endArgs) == 1 {
			open, closing := enqueue(endArgs[0])
			sb.WriteString(in3 + open + cp(endArgs[0]) + closing + semi + eol)
		}
		if p.timed == nil {
			sb.WriteString(in3 + ctl + ".close()" + semi + eol)
		}
		sb.WriteString(ind + unit + unit + "} catch (" + errName + ") {" + eol)
		sb.WriteString(in3 + ctl + ".error(" + errName + ")" + semi + eol)
		sb.WriteString(ind + unit + unit + "}" + eol)
		sb.WriteString(ind + unit + "}," + eol)
		sb.WriteString(ind + "})" + semi + eol)
		sb.WriteString(ind + "return new Response(" + stream + initText + ")" + semi)
		return sb.String()
	})
	if next != nil {
		m.dropBareReturn(st, next)
	}
}
