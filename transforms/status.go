package transforms

import "github.com/routemod/routemod/codemod"

// staticStatuses decides, for a handler whose status writes are plain
// statements with a number (res.status(n); / res.statusCode = n;), the
// status each response has where the flow to it is straight-line: the last
// such write before it in its block or an enclosing one, or 200 when none
// precedes it. When every response of the function resolves, the writes
// go and each response states its own status; otherwise nil (the status
// is kept in a local, as before).
//
//	res.statusCode = 200; log(); res.statusCode = 404; res.end("nope") => log(); return new Response("nope", { status: 404 })
//	if (x) res.status(500); res.end()                                  => nil: let status = 200 ... { status }
func (m *migration) staticStatuses(uses []resUse) map[*Node]string {
	writes := map[*Node]string{} // statement => status text
	var sends []*Node
	for _, u := range uses {
		if enclosingFunction(u.top) != m.h.fn || len(u.links) == 0 {
			return nil
		}
		first, last := u.links[0], u.links[len(u.links)-1]
		switch {
		case m.isStandaloneState(u) && (first.name == "status" || first.name == "statusCode"):
			st := u.top.Parent.Parent // res.statusCode = n;
			v := u.top.Parent.ChildByField("right")
			if first.name == "status" {
				_, st = m.contextOf(u)
				v = first.args[0]
			}
			if v == nil || codemod.Unparen(v).Kind != "number" || st.Parent == nil || !holdsStatements(st.Parent) {
				return nil
			}
			writes[st] = m.text(codemod.Unparen(v))
		case m.isStandaloneState(u) && first.name != "writeHead":
			// headers: no bearing on the status
		case last.name == "json" || last.name == "send" || last.name == "end":
			for _, l := range u.links[:len(u.links)-1] {
				if l.name != "status" {
					return nil
				}
			}
			ctx, st := m.contextOf(u)
			if ctx != ctxStatement && ctx != ctxReturn || codemod.Unparen(firstNamed(st)) != u.top && !(firstNamed(st) != nil && firstNamed(st).Kind == "await_expression") {
				return nil
			}
			if len(u.links) == 1 {
				sends = append(sends, st)
			}
		case last.name == "redirect":
			// its status is its own
		default:
			return nil // statusCode read, writeHead, res passed on, ...
		}
	}
	if len(writes) == 0 {
		return nil
	}
	out := map[*Node]string{}
	for _, s := range sends {
		v, ok := m.statusBefore(s, writes)
		if !ok {
			return nil
		}
		out[s] = v
	}
	for w := range writes {
		out[w] = ""
	}
	return out
}

// holdsStatements reports a block, a switch case or the program.
func holdsStatements(n *Node) bool {
	switch n.Kind {
	case "statement_block", "switch_case", "switch_default", "program":
		return true
	}
	return false
}

// statusBefore finds the status write that reaches statement st on every
// path, walking back through its block and the blocks around it; "200"
// when none does. ok is false when a write may or may not reach it.
func (m *migration) statusBefore(st *Node, writes map[*Node]string) (string, bool) {
	holds := func(n *Node) bool {
		for w := range writes {
			if n.Contains(w) {
				return true
			}
		}
		return false
	}
	cur := st
	for {
		p := cur.Parent
		if p == nil {
			return "", false
		}
		if holdsStatements(p) {
			var prev []*Node
			for _, c := range p.Children {
				if c.Named && c.Kind != "comment" && c.Field != "value" && c.End <= cur.Start {
					prev = append(prev, c)
				}
			}
			for k := len(prev) - 1; k >= 0; k-- {
				if v, ok := writes[prev[k]]; ok {
					return v, true
				}
				if holds(prev[k]) {
					return "", false
				}
			}
		}
		if p == m.h.fn.ChildByField("body") {
			return "200", true
		}
		switch p.Kind {
		case "statement_block", "else_clause", "switch_body":
		case "if_statement":
			if holds(p.ChildByField("condition")) {
				return "", false
			}
		case "switch_case", "switch_default":
			// an earlier case may fall through into this one
			for _, c := range p.Parent.Children {
				if c.End <= p.Start && holds(c) {
					return "", false
				}
			}
		case "switch_statement":
		case "try_statement":
			if cur.Field != "body" && holds(p.ChildByField("body")) {
				return "", false // the catch or finally runs after the try block began
			}
		case "catch_clause":
		default:
			return "", false // loops, labels, functions
		}
		cur = p
	}
}

// dropStatusWrites removes the status writes whose value every response
// now states itself (each whole line when the write stands alone on it).
// When a response that took its status from them was left in place (under
// a TODO), the writes stay too, as pages code beside it.
//
//	res.statusCode = 404; ...; res.end("nope") => ...; return new Response("nope", { status: 404 })
func (m *migration) dropStatusWrites(uses []resUse) {
	var writes []*Node
	for _, u := range uses {
		_, st := m.contextOf(u)
		if m.isStandaloneState(u) && st == nil {
			st = u.top.Parent.Parent // res.statusCode = n;
		}
		v, ok := m.staticStatus[st]
		switch {
		case !ok:
		case v == "":
			writes = append(writes, st)
		case !m.rewritten(u.top.Start):
			return // a response left as it was: its status writes stay with it
		}
	}
	for _, st := range writes {
		start, end := st.Start, st.End
		if onlySpaceBefore(m.src, start) && onlySpaceAfter(m.src, end) {
			start, end = codemod.LineStart(m.src, start), lineEnd(m.src, end)
		}
		m.f.Replace(start, end, "")
	}
}
