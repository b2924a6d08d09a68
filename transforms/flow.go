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
