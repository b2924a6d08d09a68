package transforms

// endsInertly reports whether nothing with an effect runs after st before
// the output function ends: what follows is only `break` out of a switch,
// a bare `return;` or empty statements, on every level up to the end of
// the function (or of a block whose end is the output function's end).
//
//	case "GET": res.json(x); break; } return;  => return Response.json(x) (no "keeps running" TODO)
//	res.json(x); break; (in a loop)            => false: the loop goes on
func (m *migration) endsInertly(st *Node) bool {
	for {
		p := st.Parent
		if p == nil || enclosingFunction(st) != m.h.fn {
			return false
		}
		jumped := false
		for s := st.NextNamedSibling(); s != nil; s = s.NextNamedSibling() {
			switch {
			case s.Kind == "comment" || s.Kind == "empty_statement":
				continue
			case s.Kind == "return_statement" && len(s.NamedChildren()) == 0:
				return true
			case s.Kind == "break_statement" && s.ChildByField("label") == nil:
				sw := breakTarget(s)
				if sw == nil || sw.Kind != "switch_statement" {
					return false // a loop goes on
				}
				st, jumped = sw, true
			default:
				return false
			}
			break
		}
		if jumped {
			continue
		}
		if m.endContainers[p] || caseOf(p) != nil && m.endContainers[caseOf(p)] {
			return true
		}
		switch p.Kind {
		case "statement_block":
			if gp := p.Parent; gp != nil && (gp.Kind == "switch_case" || gp.Kind == "switch_default") {
				st = p // case "GET": { ... } — the block is the case's body
				continue
			}
			if p.Parent == m.h.fn {
				return true // the end of the handler
			}
			gp := p.Parent
			if gp == nil {
				return false
			}
			switch gp.Kind {
			case "if_statement":
				st = gp
			case "else_clause":
				st = gp.Parent
			case "try_statement", "catch_clause":
				t := gp
				if t.Kind == "catch_clause" {
					t = t.Parent
				}
				if t == nil || t.ChildByField("finalizer") != nil {
					return false // a finally block runs after it
				}
				st = t
			default:
				return false // loops, labels, functions
			}
		case "if_statement":
			st = p // if (x) res.json(a)
		case "else_clause":
			st = p.Parent
		case "switch_case", "switch_default":
			sw := p.Parent // the switch_body
			if sw == nil || sw.Parent == nil {
				return false
			}
			if cases := sw.NamedChildren(); cases[len(cases)-1] != p {
				return false // falls through into the next case
			}
			st = sw.Parent // the switch_statement
		default:
			return false
		}
	}
}

// breakTarget returns the loop or switch an unlabelled break leaves, or nil.
func breakTarget(b *Node) *Node {
	for p := b.Parent; p != nil; p = p.Parent {
		switch p.Kind {
		case "switch_statement", "for_statement", "for_in_statement", "while_statement", "do_statement":
			return p
		case "function_declaration", "function_expression", "arrow_function", "function", "method_definition":
			return nil
		}
	}
	return nil
}

// mayReach reports whether control may run from a to b inside the
// handler. It is false only when no loop holds both and either a comes
// after b, or a sits in a branch b is not in that always leaves (returns,
// throws, sends; a case that breaks, for a b in another case of its
// switch), or a and b sit in the two branches of one if.
//
//	if (csv) { setHeader(...); return send(x) } json(y)  => false
//	if (csv) { setHeader(...) } else { json(y) }        => false
//	setHeader(...); if (x) json(y)                      => true
//	try { setHeader(...); ...; return send(x) } catch { json(y) } => true (a throw reaches the catch)
func (m *migration) mayReach(a, b *Node) bool {
	for p := a.Parent; p != nil && p != m.h.fn; p = p.Parent {
		switch p.Kind {
		case "for_statement", "for_in_statement", "while_statement", "do_statement":
			if p.Contains(b) {
				return true
			}
		}
	}
	if a.Start > b.Start {
		return false
	}
	for c := a; c.Parent != nil && !c.Parent.Contains(b); c = c.Parent {
		p := c.Parent
		var last *Node
		switch p.Kind {
		case "statement_block":
			if st := statements(p); len(st) > 0 {
				last = st[len(st)-1]
			}
		case "switch_case", "switch_default":
			if st := statementsOfCase(p); len(st) > 0 {
				last = st[len(st)-1]
			}
		case "if_statement", "else_clause":
			if c.Kind != "statement_block" && c.Kind != "else_clause" && c.Kind != "if_statement" {
				last = c // if (x) return res.send(y)
			}
		}
		gp := p.Parent
		if last != nil && !hasJump(p) && (gp == nil || gp.Kind != "try_statement") {
			if exits(m.src, last, m.h.res) {
				return false // the branch leaves before b
			}
			if last.Kind == "break_statement" && last.ChildByField("label") == nil && gp != nil && gp.Parent != nil && gp.Parent.Contains(b) && caseHolds(gp, b) {
				return false // break: no fall-through into b's case
			}
		}
		if gp != nil && gp.Contains(b) && p.Kind == "statement_block" && gp.Kind == "if_statement" && p.Field == "consequence" {
			return false // b is in the else branch
		}
	}
	return true
}

// hasJump reports a break or continue inside n that may leave it (a break
// in the case that holds it, or any continue) or a labelled one.
func hasJump(n *Node) bool {
	found := false
	n.Walk(func(c *Node) bool {
		switch c.Kind {
		case "function_declaration", "function_expression", "arrow_function", "function", "method_definition":
			return false
		case "continue_statement":
			found = true
		case "break_statement":
			if c.ChildByField("label") != nil {
				found = true
			} else if t := breakTarget(c); t != nil && !n.Contains(t) {
				found = found || c != lastOf(n)
			}
		}
		return !found
	})
	return found
}

// lastOf returns the last statement of a block or case, or nil.
func lastOf(n *Node) *Node {
	var st []*Node
	if n.Kind == "switch_case" || n.Kind == "switch_default" {
		st = statementsOfCase(n)
	} else if n.Kind == "statement_block" {
		st = statements(n)
	}
	if len(st) == 0 {
		return nil
	}
	return st[len(st)-1]
}

// caseHolds reports whether b sits in one of the cases of switch_body sw.
func caseHolds(sw, b *Node) bool {
	for _, c := range sw.NamedChildren() {
		if (c.Kind == "switch_case" || c.Kind == "switch_default") && c.Contains(b) {
			return true
		}
	}
	return false
}

// bodylessAt lists the methods without a body (GET, and HEAD, which
// Next.js answers with the GET function) that can reach the code at n:
// those its output functions serve, less those the method tests around it
// rule out (the other branch of an if or a conditional expression, the
// right of && or ||, an earlier `if (req.method === "GET") return ...`).
//
//	const data = req.method === "POST" ? req.body : null   (served for GET) => none: no "also runs for GET" TODO
//	if (req.method !== "GET") { use(req.body) }                              => HEAD only
func (m *migration) bodylessAt(n *Node) []string {
	reach := map[string]bool{}
	for _, fn := range m.scopesAt(n.Start) {
		for _, meth := range fn.methods {
			if meth == "GET" {
				reach["GET"], reach["HEAD"] = true, true
			}
			if meth == "HEAD" {
				reach["HEAD"] = true
			}
		}
	}
	// keep applies a method test known to be true (want) or false (!want).
	keep := func(cond *Node, want bool) {
		set, neg, ok := m.methodTest(cond)
		if !ok {
			return
		}
		for meth := range reach {
			if (contains(set, meth) != neg) != want {
				delete(reach, meth)
			}
		}
	}
	for c := n; c.Parent != nil && c != m.h.fn; c = c.Parent {
		p := c.Parent
		switch p.Kind {
		case "ternary_expression":
			if c.Field == "consequence" || c.Field == "alternative" {
				keep(p.ChildByField("condition"), c.Field == "consequence")
			}
		case "if_statement":
			if c.Field == "consequence" {
				keep(p.ChildByField("condition"), true)
			}
		case "else_clause":
			if gp := p.Parent; gp != nil && gp.Kind == "if_statement" {
				keep(gp.ChildByField("condition"), false)
			}
		case "binary_expression":
			if c.Field == "right" {
				switch m.text(p.ChildByField("operator")) {
				case "&&":
					keep(p.ChildByField("left"), true)
				case "||":
					keep(p.ChildByField("left"), false)
				}
			}
		case "statement_block", "switch_case", "switch_default":
			// if (req.method === "GET") return res.json(x); ... here => not GET
			for _, s := range p.Children {
				if s.End > c.Start || s.Kind != "if_statement" || s.ChildByField("alternative") != nil || !exits(m.src, s.ChildByField("consequence"), m.h.res) {
					continue
				}
				keep(s.ChildByField("condition"), false)
			}
		}
	}
	var out []string
	for _, meth := range []string{"GET", "HEAD"} {
		if reach[meth] {
			out = append(out, meth)
		}
	}
	return out
}
