package transforms

import (
	"strconv"
	"strings"
)

// A guard's callers stop on a falsy result (if (!user) return), which in
// pages meant "it sent the response". Its app version hands back the value
// or the Response, and callers stop on the Response only: a value return
// that can be falsy without a send (pages: the request ended with no
// response) would let the route go on. Such a guard is left as it is:
//
//	return user && user.active ? user : null      => refused: can be null without a send
//	return await db.user.find(id)                 => refused: a call's result can be null
//	const u = await find(id); if (!u) { fail(res); return null } return u  => a guard (u tested just before)
//	return { id }                                 => a guard

// truth is what a guard's value return is known to be.
type truth int

const (
	truthUnknown    truth = iota // a name or a property nothing says more about
	truthTruthy                  // never falsy
	truthMaybeFalsy              // falsy by its form in some case
)

// valueTruth classifies e, an expression the return ret of the helper h
// hands back (depth bounds how far locals are followed).
func (m *migration) valueTruth(h *handler, e, ret *Node, depth int) truth {
	e = unwrapValue(e)
	if e == nil {
		return truthUnknown
	}
	switch e.Kind {
	case "object", "array", "new_expression", "arrow_function", "function_expression", "function", "class", "regex", "true":
		return truthTruthy
	case "null", "undefined", "false":
		return truthMaybeFalsy
	case "number":
		if nonZero(m.text(e)) {
			return truthTruthy
		}
		return truthMaybeFalsy
	case "string":
		if len(m.text(e)) > 2 {
			return truthTruthy
		}
		return truthMaybeFalsy
	case "template_string":
		text := m.text(e)
		for _, c := range e.NamedChildren() {
			if c.Kind == "template_substitution" {
				text = strings.Replace(text, m.text(c), "", 1)
			}
		}
		if len(text) > 2 {
			return truthTruthy
		}
		return truthUnknown
	case "unary_expression":
		if m.text(e.ChildByField("operator")) == "typeof" {
			return truthTruthy
		}
		return truthMaybeFalsy // !x, -x, void x, ...
	case "binary_expression":
		l, r := e.ChildByField("left"), e.ChildByField("right")
		switch m.text(e.ChildByField("operator")) {
		case "&&": // the left when it is falsy
			if m.valueTruth(h, l, ret, depth) == truthTruthy {
				return m.valueTruth(h, r, ret, depth)
			}
			return truthMaybeFalsy
		case "||", "??":
			lt, rt := m.valueTruth(h, l, ret, depth), m.valueTruth(h, r, ret, depth)
			switch {
			case lt == truthTruthy || rt == truthTruthy && m.text(e.ChildByField("operator")) == "||":
				return truthTruthy
			case rt == truthMaybeFalsy:
				return truthMaybeFalsy
			}
			return truthUnknown
		case "+":
			if m.valueTruth(h, l, ret, depth) == truthTruthy && l.Kind == "string" || m.valueTruth(h, r, ret, depth) == truthTruthy && r.Kind == "string" {
				return truthTruthy // "Bearer " + token
			}
		}
		return truthMaybeFalsy // a comparison, arithmetic
	case "ternary_expression":
		c := m.valueTruth(h, e.ChildByField("consequence"), ret, depth)
		a := m.valueTruth(h, e.ChildByField("alternative"), ret, depth)
		switch {
		case c == truthMaybeFalsy || a == truthMaybeFalsy:
			return truthMaybeFalsy
		case c == truthTruthy && a == truthTruthy:
			return truthTruthy
		}
		return truthUnknown
	case "call_expression":
		if m.callsGuard(e) {
			return truthTruthy // its value, or null once it sent
		}
		if m.testedBefore(h, ret, e) {
			return truthTruthy
		}
		return truthMaybeFalsy
	case "identifier":
		if m.text(e) == "undefined" {
			return truthMaybeFalsy
		}
		if m.testedBefore(h, ret, e) {
			return truthTruthy
		}
		if depth < 4 {
			if init := m.constInit(e); init != nil {
				return m.valueTruth(h, init, ret, depth+1)
			}
		}
	case "member_expression", "subscript_expression":
		if m.testedBefore(h, ret, e) {
			return truthTruthy
		}
	}
	return truthUnknown
}

// unwrapValue drops what does not change a value at run time: parentheses,
// await, TypeScript's as, satisfies and !.
func unwrapValue(e *Node) *Node {
	for e != nil {
		switch e.Kind {
		case "parenthesized_expression", "await_expression", "as_expression", "satisfies_expression", "non_null_expression":
			var inner *Node
			for _, c := range e.NamedChildren() {
				if c.Kind != "comment" {
					inner = c
					break
				}
			}
			if inner == nil {
				return e
			}
			e = inner
		default:
			return e
		}
	}
	return e
}

// nonZero reports whether the number literal text is not zero.
func nonZero(text string) bool {
	t := strings.TrimSuffix(strings.ReplaceAll(text, "_", ""), "n")
	if f, err := strconv.ParseFloat(t, 64); err == nil {
		return f != 0
	}
	if i, err := strconv.ParseInt(t, 0, 64); err == nil {
		return i != 0
	}
	return false
}

// callsGuard reports whether call calls a planned guard helper, of this
// module or another.
func (m *migration) callsGuard(call *Node) bool {
	c := call.ChildByField("function")
	p := m.plannedFor(c)
	if p == nil && c != nil && c.Kind == "identifier" && m.plan != nil {
		p = m.plan.helper(helperKey{m.f.Path, m.text(c)})
	}
	return p != nil && p.guard
}

// testedBefore reports whether a statement before ret, in its block or an
// enclosing one of h, leaves h when e is falsy:
//
//	if (!user) { fail(res); return null; }   (or if (!user || x) ...)
//	return user;
func (m *migration) testedBefore(h *handler, ret, e *Node) bool {
	want := valueKey(m.text(e))
	for st := ret; st != nil && st != h.body && st != h.fn; st = st.Parent {
		if st.Parent == nil || st.Parent.Kind != "statement_block" {
			continue
		}
		for prev := prevStatement(st); prev != nil; prev = prevStatement(prev) {
			if prev.Kind != "if_statement" || prev.ChildByField("alternative") != nil || !exits(m.src, prev.ChildByField("consequence"), "") {
				continue
			}
			if m.testsFalsy(prev.ChildByField("condition"), want) {
				return true
			}
		}
	}
	return false
}

// testsFalsy reports whether cond is true whenever the value spelled key
// is falsy: !key, or an || of which one side is.
func (m *migration) testsFalsy(cond *Node, key string) bool {
	cond = unwrapValue(cond)
	if cond == nil {
		return false
	}
	switch cond.Kind {
	case "unary_expression":
		return m.text(cond.ChildByField("operator")) == "!" && valueKey(m.text(unwrapValue(cond.ChildByField("argument")))) == key
	case "binary_expression":
		return m.text(cond.ChildByField("operator")) == "||" && (m.testsFalsy(cond.ChildByField("left"), key) || m.testsFalsy(cond.ChildByField("right"), key))
	}
	return false
}

// valueKey is the text of an expression without spaces and with ?. read as
// ., to compare two spellings of one value.
func valueKey(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), ""), "?.", ".")
}

// oneLine is code text on one line, cut to about max bytes.
func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > max {
		s = s[:max] + "..."
	}
	return s
}
