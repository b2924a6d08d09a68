package transforms

import (
	"strconv"
	"strings"
)

// checkResponses is the part of the last check that reads how a function
// routemod wrote ends (fn: its declaration in the output). Where pages left
// a request hanging or sent an odd status, a route handler makes Next.js
// answer 500; each such place no marker covers gets one:
//
//	an end control can reach (no else, a lone res.status(200))  => TODO(routemod) above the last statement
//	return;                                                  => TODO(routemod) above it
//	Response.json(x, { status: 900 }) / status = 99          => TODO(routemod) above it (a Response takes 200–599)
func (c *checker) checkResponses(fn *Node, statusVar string) {
	body := fn.ChildByField("body")
	if body == nil || body.Kind != "statement_block" {
		return
	}
	if completes(c.src, body) {
		why := "control can reach the end of this function without returning a Response, where Next.js answers 500: return a Response on every path"
		if st := statements(body); len(st) > 0 {
			last := st[len(st)-1]
			c.reportAt(last, last, why)
		} else {
			c.reportAt(outerStatement(fn), fn, why)
		}
	}
	liveWalk(c.src, body, func(n *Node) bool {
		switch n.Kind {
		case "arrow_function", "function_expression", "function_declaration", "function", "method_definition", "generator_function", "generator_function_declaration", "class_declaration", "class":
			return false // their returns are their own
		case "return_statement":
			if len(statements(n)) == 0 {
				c.report(n, "a bare return gives Next.js no Response, so it answers 500 (No response is returned from route handler); return the Response this path should send")
			}
		}
		return true
	})
	fn.Walk(func(n *Node) bool {
		var v *Node
		switch n.Kind {
		case "pair":
			if k := n.ChildByField("key"); k != nil && (c.text(k) == "status" || c.text(k) == `"status"`) && isResponseInit(c, n.Parent) {
				v = n.ChildByField("value")
			}
		case "assignment_expression":
			if statusVar != "" && isIdent(c.src, n.ChildByField("left"), statusVar) {
				v = n.ChildByField("right")
			}
		case "variable_declarator":
			if statusVar != "" && isIdent(c.src, n.ChildByField("name"), statusVar) {
				v = n.ChildByField("value")
			}
		}
		if v != nil && v.Kind == "number" {
			if code, err := strconv.Atoi(c.text(v)); err == nil && (code < 200 || code > 599) {
				c.report(v, "status "+c.text(v)+": a Response takes a status from 200 to 599 and throws a RangeError on any other (Next.js answers 500) where pages sent "+c.text(v)+"; choose a status in range")
			}
		}
		return true
	})
}

// isResponseInit reports whether obj is the init argument of a Response
// being built: new Response(b, obj), Response.json(x, obj), NextResponse.*(x, obj).
func isResponseInit(c *checker, obj *Node) bool {
	if obj == nil || obj.Kind != "object" || obj.Parent == nil || obj.Parent.Kind != "arguments" {
		return false
	}
	callee := c.text(callee(obj.Parent.Parent))
	return callee == "Response" || callee == "NextResponse" || strings.HasPrefix(callee, "Response.") || strings.HasPrefix(callee, "NextResponse.")
}

// reportAt is report with the statement to mark given.
func (c *checker) reportAt(st, r *Node, why string) {
	if c.covered(st, r) {
		return
	}
	if _, ok := c.found[st]; !ok {
		c.order = append(c.order, st)
	}
	for _, w := range c.found[st] {
		if w == why {
			return
		}
	}
	c.found[st] = append(c.found[st], why)
}

// outerStatement is the top-level statement holding a function declaration.
func outerStatement(fn *Node) *Node {
	if p := fn.Parent; p != nil && p.Kind == "export_statement" {
		return p
	}
	return fn
}

// completes reports whether control can run off the end of st: it is not
// sure to return or throw. Loops other than while (true) / for (;;) without
// a break, and switches without a default, can complete.
func completes(src []byte, st *Node) bool {
	switch st.Kind {
	case "return_statement", "throw_statement":
		return false
	case "statement_block":
		s := statements(st)
		return len(s) == 0 || completes(src, s[len(s)-1])
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
		return b == nil || completes(src, st.ChildByField("consequence")) || completes(src, b)
	case "try_statement":
		if f := st.ChildByField("finalizer"); f != nil {
			if b := f.ChildByField("body"); b != nil && !completes(src, b) {
				return false
			}
		}
		h := st.ChildByField("handler")
		return completes(src, st.ChildByField("body")) || h != nil && completes(src, h.ChildByField("body"))
	case "labeled_statement":
		return true // a break to the label may leave it
	case "while_statement", "for_statement":
		cond := st.ChildByField("condition")
		forever := st.Kind == "while_statement" && cond != nil && strings.Trim(string(src[cond.Start:cond.End]), "() ") == "true" ||
			st.Kind == "for_statement" && (cond == nil || strings.TrimSpace(string(src[cond.Start:cond.End])) == ";")
		return !forever || breaksOut(src, st)
	case "switch_statement":
		body := st.ChildByField("body")
		hasDefault := false
		var cases []*Node
		for _, c := range body.NamedChildren() {
			if c.Kind == "switch_default" {
				hasDefault = true
			}
			if c.Kind == "switch_case" || c.Kind == "switch_default" {
				cases = append(cases, c)
			}
		}
		if !hasDefault || breaksOut(src, st) || len(cases) == 0 {
			return true
		}
		// a case with code must not run off its end (into the next is fine
		// only when the next does not complete either); the last decides
		s := statementsOfCase(cases[len(cases)-1])
		return len(s) == 0 || completes(src, s[len(s)-1])
	}
	return true
}

// breaksOut reports whether a reachable break in the loop or switch st
// leaves it: an unlabeled one not inside a nested loop or switch, or any
// labeled one (it may name st's label or one outside it). Functions are
// not entered.
func breaksOut(src []byte, st *Node) bool {
	found := false
	depth := map[*Node]bool{} // nested loops and switches
	liveWalk(src, st, func(n *Node) bool {
		if found {
			return false
		}
		switch n.Kind {
		case "break_statement":
			nested := false
			for p := n.Parent; p != nil && p != st; p = p.Parent {
				nested = nested || depth[p]
			}
			found = !nested || n.ChildByField("label") != nil
		case "arrow_function", "function_expression", "function_declaration", "function", "method_definition", "class_declaration", "class":
			return false
		case "while_statement", "for_statement", "for_in_statement", "do_statement", "switch_statement":
			if n != st {
				depth[n] = true
			}
		}
		return true
	})
	return found
}

// liveWalk is Walk that skips the statements of a block or switch case
// that follow one control cannot run past: `return x; return;` holds no
// reachable bare return, `return x; break;` no break.
func liveWalk(src []byte, n *Node, fn func(*Node) bool) {
	if !fn(n) {
		return
	}
	list := n.Kind == "statement_block" || n.Kind == "switch_case" || n.Kind == "switch_default" || n.Kind == "program"
	for _, c := range n.Children {
		liveWalk(src, c, fn)
		if list && c.Named && c.Kind != "comment" && isStatement(c) && !completes(src, c) {
			return
		}
	}
}

// isStatement reports a node that stands as a statement in a list.
func isStatement(n *Node) bool {
	return strings.HasSuffix(n.Kind, "_statement") || strings.HasSuffix(n.Kind, "_declaration")
}
