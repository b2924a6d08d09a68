package transforms

import (
	"slices"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// timedStream is what a stream written from timers adds to a streamPlan.
type timedStream struct {
	last      *Node    // the last statement of the stream: the end of the handler
	ends      []resUse // res.end() / res.end(x), in the flow or in a timer's callback
	listeners []resUse // res.on("close", fn)
	timers    []*timer // the timers whose callbacks write
}

// timer is a `const t = setInterval(cb, ms)` (or setTimeout) statement of
// a stream whose callback writes.
type timer struct {
	decl, cb *Node
	name     string
	clear    string // clearInterval or clearTimeout
	cleared  bool   // a close listener of the stream clears it already
	closes   bool   // its callback clears it itself
}

// planTimedStream reports a stream written from timers (Server-Sent Events
// with setInterval writers and heartbeats), or nil: status and headers set
// first, then statements to the end of the handler that write in their
// own flow or in the callbacks of timers whose handles they keep, and end
// there or never (the client disconnects). See writeStream.
//
//	res.writeHead(200, h); const t = setInterval(() => { res.write(x); if (done) { clearInterval(t); res.end(); } }, 1000)
//	  => status = 200; headers...; const stream = new ReadableStream({ async start(controller) { try {
//	       const t = setInterval(() => { controller.enqueue(encoder.encode(x)); if (done) { clearInterval(t); controller.close(); } }, 1000);
//	       req.signal.addEventListener("abort", () => clearInterval(t));
//	     } catch (error) { controller.error(error); } } }); return new Response(stream, { status, headers })
//	res.on("close", fn) (a stream that never ends)  => req.signal.addEventListener("abort", fn)
//
// A timer is cleared on the request's abort signal (see
// rewriteCloseListener for why the signal and not the stream's cancel()):
// after a disconnect, enqueue throws in a timer's callback, out of any
// try, where pages' res.write wrote to a closed socket and went on. A
// timer whose callback ends the stream without clearing itself is cleared
// there too (enqueue after close throws; pages' write after end failed).
// A write in an emitter's listener is kept when a close listener of the
// stream removes it (see unsubscribed). Refused: a write in any other
// callback (a promise's then: nothing stops it after a disconnect), a timer whose
// handle is not kept, a res.on("close") in a stream that also ends (pages
// ran it after the end too; the signal does not abort then), and
// everything planStream refuses.
func (m *migration) planTimedStream(uses []resUse) *streamPlan {
	var first *Node
	for _, u := range uses {
		if len(u.links) == 1 && u.links[0].name == "write" {
			if first = m.handlerStatement(u.top); first != nil {
				break
			}
			return nil
		}
	}
	if first == nil || first.Parent == nil || first.Parent.Kind != "statement_block" {
		return nil
	}
	block := first.Parent
	stmts := statements(block)
	last := stmts[len(stmts)-1]
	if n := len(stmts); n > 1 && m.bareReturnAfter(stmts[n-2]) == last {
		last = stmts[n-2] // the bare return (or break) goes, as the stream returns
	} else if !m.isTail(last) {
		return nil
	}
	for c := last.Parent; c != nil && c != m.h.fn; c = c.Parent {
		if c.Kind == "try_statement" || c.Kind == "catch_clause" || c.Kind == "finally_clause" {
			return nil
		}
	}
	plan := &streamPlan{first: first, text: map[*Node]bool{}, timed: &timedStream{last: last}}
	t := plan.timed
	timers := map[*Node]*timer{} // callback => its timer
	inTimer := false
	for _, u := range uses {
		in := u.top.Start >= first.Start && u.top.End <= last.End
		if fs, name := m.flushStatement(u); fs != nil {
			if !in && (fs.Parent != block || fs.Start > first.Start) {
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
		if len(u.links) != 1 || u.links[0].call == nil {
			return nil
		}
		l := u.links[0]
		// a statement; or a timer's arrow body, or returned: the value goes unused
		if st := u.top.Parent; st == nil || st.Kind != "expression_statement" && (l.name == "on" || st.Kind != "return_statement" && (st.Kind != "arrow_function" || u.top.Field != "body")) {
			return nil
		}
		switch {
		case l.name == "on" || l.name == "once" || l.name == "addListener":
			if ev, ok := stringValue(m.src, firstArg(l.args)); !ok || ev != "close" || len(l.args) != 2 || enclosingFunction(u.top) != m.h.fn {
				return nil
			}
			t.listeners = append(t.listeners, u)
			continue
		case l.name == "write" && len(l.args) == 1:
			plan.writes = append(plan.writes, u)
		case l.name == "end" && len(l.args) <= 1:
			if u.top.Parent.Kind != "expression_statement" && len(l.args) > 0 {
				return nil
			}
			t.ends = append(t.ends, u)
		default:
			return nil
		}
		fn := enclosingFunction(u.top)
		if fn == m.h.fn {
			continue
		}
		if strings.HasPrefix(m.text(fn), "async") {
			return nil // a callback awaiting when the client leaves would enqueue after the abort: a rejection nobody handles
		}
		if l.name == "write" && m.unsubscribed(fn, first) {
			inTimer = true
			continue
		}
		tm := timers[fn]
		if tm == nil {
			if tm = m.timerOf(fn, block); tm == nil || tm.decl.Start < first.Start {
				return nil // a write in another callback, or in a timer whose handle is gone
			}
			timers[fn] = tm
			t.timers = append(t.timers, tm)
		}
		inTimer = true
	}
	if !inTimer || len(t.listeners) > 0 && len(t.ends) > 0 {
		return nil
	}
	if !m.streamBodyOK(first, nil) || m.usedBefore(first, block) {
		return nil
	}
	for _, w := range plan.writes {
		plan.text[w.links[0].args[0]] = false
	}
	for _, e := range t.ends {
		if len(e.links[0].args) == 1 {
			plan.text[e.links[0].args[0]] = false
		}
	}
	for c := range plan.text {
		switch m.chunkKind(c) {
		case "text":
			plan.text[c] = true
		case "bytes":
		default:
			return nil
		}
	}
	for _, tm := range t.timers {
		tm.closes = m.callsClear(tm.cb, tm)
		for _, e := range t.ends {
			if !tm.closes && enclosingFunction(e.top) == tm.cb && e.top.Parent.Kind != "expression_statement" {
				return nil // () => res.end(): no room for the timer's clearing
			}
		}
		for c := first; c != nil; c = c.NextNamedSibling() {
			if c.Kind == "expression_statement" && m.callsClear(c, tm) && strings.Contains(m.text(c), "close") {
				tm.cleared = true
			}
		}
	}
	statusVar := false
	for _, fn := range m.scopesAt(first.Start) {
		statusVar = statusVar || fn.statusVar
	}
	if m.mayBeNullBodyStatus(m.staticStatus[last], statusVar) {
		return nil
	}
	return plan
}

func firstArg(args []*Node) *Node {
	if len(args) == 0 {
		return nil
	}
	return args[0]
}

// handlerStatement returns the innermost statement of the handler itself
// (not of a callback in it) that holds n, or nil.
func (m *migration) handlerStatement(n *Node) *Node {
	for p := n; p != nil && p != m.h.fn; p = p.Parent {
		if p.Parent != nil && p.Parent.Kind == "statement_block" && enclosingFunction(p) == m.h.fn {
			return p
		}
	}
	return nil
}

// timerOf returns the timer whose callback fn is, when its handle is kept
// by a statement of block: const t = setInterval(fn, ms) (or let, or
// setTimeout); nil otherwise.
func (m *migration) timerOf(fn, block *Node) *timer {
	args := fn.Parent
	if args == nil || args.Kind != "arguments" || args.Parent == nil {
		return nil
	}
	call := args.Parent
	if a := callArgs(call); len(a) == 0 || a[0] != fn {
		return nil
	}
	clear := map[string]string{"setInterval": "clearInterval", "setTimeout": "clearTimeout"}[m.text(call.ChildByField("function"))]
	d := call.Parent
	if clear == "" || d == nil || d.Kind != "variable_declarator" || call.Field != "value" {
		return nil
	}
	name := d.ChildByField("name")
	decl := d.Parent
	if name == nil || name.Kind != "identifier" || decl == nil || decl.Kind != "lexical_declaration" || decl.Parent != block || len(decl.NamedChildren()) != 1 {
		return nil
	}
	return &timer{decl: decl, cb: fn, name: m.text(name), clear: clear}
}

// callsClear reports whether n calls clearInterval(t) (clearTimeout for a
// timeout) on the timer.
func (m *migration) callsClear(n *Node, tm *timer) bool {
	found := false
	n.Walk(func(c *Node) bool {
		if c.Kind == "call_expression" && m.text(c.ChildByField("function")) == tm.clear {
			if a := callArgs(c); len(a) == 1 && m.text(a[0]) == tm.name {
				found = true
			}
		}
		return !found
	})
	return found
}

// usedBefore reports whether a statement of block before first names
// something the stream's own statements declare (they move into start()).
func (m *migration) usedBefore(first, block *Node) bool {
	names := map[string]bool{}
	for c := first; c != nil; c = c.NextNamedSibling() {
		if c.Kind != "lexical_declaration" {
			continue
		}
		for _, d := range c.NamedChildren() {
			if n := d.ChildByField("name"); n != nil {
				n.Walk(func(x *Node) bool {
					if x.Kind == "identifier" || x.Kind == "shorthand_property_identifier_pattern" {
						names[m.text(x)] = true
					}
					return true
				})
			}
		}
	}
	used := false
	for _, c := range statements(block) {
		if c == first {
			break
		}
		c.Walk(func(x *Node) bool {
			if x.Kind == "identifier" && names[m.text(x)] {
				used = true
			}
			return !used
		})
	}
	return used
}

// writeTimed rewrites what a stream written from timers has beyond the
// writes: its ends, its close listeners, and the clearing of its timers.
// It returns the statements that go after the stream's copied text.
func (m *migration) writeTimed(p *streamPlan, ctl string, enqueue func(*Node) (string, string)) (after []string) {
	t := p.timed
	semi := m.semi()
	for _, e := range t.ends {
		l := e.links[0]
		// res.end(x) => controller.enqueue(encoder.encode(x)); [clearInterval(t);] controller.close()
		var after []string
		if fn := enclosingFunction(e.top); fn != m.h.fn {
			for _, tm := range t.timers {
				if tm.cb == fn && !tm.closes {
					after = append(after, tm.clear+"("+tm.name+")")
				}
			}
		}
		after = append(after, ctl+".close()")
		if len(l.args) == 0 && len(after) == 1 {
			m.f.Replace(l.call.Start, l.call.End, after[0])
			continue
		}
		st := e.top.Parent // an expression statement (see planTimedStream)
		open, closing := "{ ", " }"
		if st.Parent != nil && st.Parent.Kind == "statement_block" {
			open, closing = "", ""
		}
		for i := range after {
			after[i] += semi
		}
		join := m.joinStatements
		if open == "" && onlySpaceBefore(m.src, st.Start) {
			// a statement on its own line: one line each
			sep := m.f.Style.EOL + codemod.IndentAt(m.src, st.Start)
			join = func(s ...string) string { return strings.Join(s, sep) }
		}
		tail := join(after...) + closing
		if len(l.args) == 0 {
			m.f.Replace(st.Start, st.End, open+tail)
			continue
		}
		a := l.args[0]
		eo, ec := enqueue(a)
		m.f.Replace(st.Start, a.Start, open+eo)
		m.f.Replace(a.End, st.End, join(ec+semi, tail))
	}
	// res.on("close", fn) => req.signal.addEventListener("abort", fn)
	for _, l := range t.listeners {
		on := l.links[0]
		m.f.Replace(l.ref.Start, on.call.ChildByField("function").End, m.h.req+".signal.addEventListener")
		m.f.ReplaceNode(on.args[0], quoteLike(m.src, on.args[0], "abort"))
	}
	for _, tm := range t.timers {
		if tm.cleared {
			continue
		}
		// const t = setInterval(...) => ...; req.signal.addEventListener("abort", () => clearInterval(t))
		line := m.h.req + `.signal.addEventListener("abort", () => ` + tm.clear + "(" + tm.name + "))" + semi
		if tm.decl == t.last {
			after = append(after, line) // the end of the copied text: an insertion there would fall outside it
			continue
		}
		m.f.Insert(tm.decl.End, m.f.Style.EOL+codemod.IndentAt(m.src, tm.decl.Start)+line)
	}
	return after
}

// unsubscribed reports whether fn is a listener the stream subscribes and
// a close listener of the stream removes, so that nothing calls it after
// the client left (its enqueue would throw into the emitter):
//
//	const onMessage = (m) => res.write(...); bus.on("message", onMessage);
//	req.on("close", () => bus.off("message", onMessage))  (or removeListener)
func (m *migration) unsubscribed(fn, first *Node) bool {
	d := fn.Parent
	if d == nil || d.Kind != "variable_declarator" || fn.Field != "value" || d.Parent == nil || d.Parent.Kind != "lexical_declaration" || d.Parent.Parent != first.Parent || d.Parent.Start < first.Start {
		return false
	}
	name := m.text(d.ChildByField("name"))
	// calls returns the emitter and event of each call emitter.method(event, name) in n.
	calls := func(n *Node, methods ...string) map[string]bool {
		out := map[string]bool{}
		n.Walk(func(c *Node) bool {
			if c.Kind != "call_expression" {
				return true
			}
			f := c.ChildByField("function")
			if f.Kind != "member_expression" {
				return true
			}
			obj, prop, _ := member(m.src, f)
			a := callArgs(c)
			if len(a) == 2 && m.text(a[1]) == name && slices.Contains(methods, prop) {
				out[m.text(obj)+"\x00"+m.text(a[0])] = true
			}
			return true
		})
		return out
	}
	subs, unsubs := map[string]bool{}, map[string]bool{}
	for c := first; c != nil; c = c.NextNamedSibling() {
		if c.Kind != "expression_statement" {
			continue
		}
		for k := range calls(c, "on", "addListener") {
			subs[k] = true
		}
		if t := m.text(c); strings.Contains(t, `"close"`) || strings.Contains(t, "'close'") {
			for k := range calls(c, "off", "removeListener") {
				unsubs[k] = true
			}
		}
	}
	if len(subs) == 0 {
		return false
	}
	for k := range subs {
		if !unsubs[k] {
			return false
		}
	}
	return true
}
