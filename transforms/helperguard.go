package transforms

import (
	"strconv"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// Guard helpers send a response on failure and return a value on success;
// their callers stop when the value is missing:
//
//	export async function requireUser(req, res) { const s = await getSession(req); if (!s) { unauthorized(res); return null; } return s.user; }
//	  => export async function requireUser(req: NextRequest) { const s = await getSession(req); if (!s) { return unauthorized(); } return s.user; }
//	const user = await requireUser(req, res); if (!user) return;
//	  => const user = await requireUser(req); if (user instanceof Response) return user;
//
// The app version returns either the value or the Response, and the caller
// tests which: a Response is never the value a guard hands on (the value
// returns are checked not to be sends or responses).

// guardShape checks that h (a helper that does not only send) is a guard:
// every send is a statement followed by a return of nothing or of a falsy
// literal, every other return hands back a value that is neither a send
// nor falsy (nor can be: guardvalue.go), and no path ends without a
// return. It says why not, "" when
// it is one.
func (m *migration) guardShape(h *handler, sends func(*Node) bool) string {
	if h.body == nil || h.body.Kind != "statement_block" {
		return "it returns something other than what it sends"
	}
	if completes(m.src, h.body) {
		return "it can end without returning (its callers could not tell it sent)"
	}
	why := ""
	h.fn.Walk(func(n *Node) bool {
		if why != "" {
			return false
		}
		if n != h.fn && strings.Contains(n.Kind, "function") || n.Kind == "method_definition" || n.Kind == "class_declaration" {
			return false // their returns are their own
		}
		switch n.Kind {
		case "expression_statement":
			e := n.NamedChildren()
			if len(e) == 0 || !sends(e[0]) {
				return true
			}
			if next := n.NextNamedSibling(); next == nil || next.Kind != "return_statement" || !falsyReturn(m.src, next) && len(next.NamedChildren()) > 0 {
				why = "it sends without returning right after"
			}
		case "return_statement":
			e := n.NamedChildren()
			if len(e) == 0 || e[0].Kind == "comment" || falsyReturn(m.src, n) {
				if m.afterGuardCall(n) {
					return false // const user = await requireUser(req, res); if (!user) return null;
				}
				if prev := prevStatement(n); prev == nil || prev.Kind != "expression_statement" || len(prev.NamedChildren()) == 0 || !sends(prev.NamedChildren()[0]) {
					why = "it returns nothing, or a falsy value, without sending (its callers stop without a response)"
					if call := m.handsRes(prev, h.res); call != nil {
						why = "it hands the response to " + m.text(callee(call)) + "(), which routemod does not migrate with it"
					}
				}
				return false
			}
			if sends(e[0]) {
				why = "it returns what a send returns"
			} else if m.valueTruth(h, e[0], n, 0) == truthMaybeFalsy {
				why = "it can return a falsy value without sending (" + oneLine(m.text(n), 80) + "): its callers then stop with no response, where with its app version (a value or a Response) they would go on"
			}
			return false
		}
		return true
	})
	return why
}

// falsyReturn reports a `return null`, `return undefined` or `return false`.
func falsyReturn(src []byte, n *Node) bool {
	if n.Kind != "return_statement" {
		return false
	}
	e := n.NamedChildren()
	if len(e) != 1 {
		return false
	}
	v := codemod.Unparen(e[0])
	switch v.Kind {
	case "null", "undefined", "false":
		return true
	case "identifier":
		return string(src[v.Start:v.End]) == "undefined"
	}
	return false
}

// guardTest returns, for a call of a guard helper, the local its result is
// bound to and the test that stops the caller right after it, when the
// call is used that way and no other:
//
//	const user = await requireUser(req, res);
//	if (!user) return;                          (or { return; })
func guardTest(src []byte, call *Node) (name string, test *Node) {
	return guardTestIn(src, call, false)
}

// guardTestIn is guardTest; in a guard (falsy), the test may also return
// a falsy literal, as a guard that calls a guard does:
//
//	const user = await requireUser(req, res); if (!user) return null;
func guardTestIn(src []byte, call *Node, falsy bool) (name string, test *Node) {
	top := call
	if p := call.Parent; p != nil && p.Kind == "await_expression" {
		top = p
	}
	decl := top.Parent
	if decl == nil || decl.Kind != "variable_declarator" || top.Field != "value" {
		return "", nil
	}
	id := decl.ChildByField("name")
	lex := decl.Parent
	if id == nil || id.Kind != "identifier" || lex == nil || lex.Kind != "lexical_declaration" && lex.Kind != "variable_declaration" || len(lex.NamedChildren()) != 1 {
		return "", nil
	}
	name = string(src[id.Start:id.End])
	test = lex.NextNamedSibling()
	if test == nil || test.Kind != "if_statement" || test.ChildByField("alternative") != nil {
		return "", nil
	}
	cond := codemod.Unparen(test.ChildByField("condition"))
	if cond == nil || cond.Kind != "unary_expression" || !strings.HasPrefix(string(src[cond.Start:cond.End]), "!") || !isIdent(src, cond.ChildByField("argument"), name) {
		return "", nil
	}
	body := test.ChildByField("consequence")
	if body != nil && body.Kind == "statement_block" {
		if st := statements(body); len(st) == 1 {
			body = st[0]
		}
	}
	if body == nil || body.Kind != "return_statement" || len(body.NamedChildren()) > 0 && !(falsy && falsyReturn(src, body)) {
		return "", nil
	}
	return name, test
}

// rewriteGuardCall rewrites a call of a guard helper and the test after it:
//
//	const user = await requireUser(req, res); if (!user) return;
//	  => const user = await requireUser(req); if (user instanceof Response) return user;
//	const input = validate(schema, req, res); if (!input) return;   (validate now reads await req.json())
//	  => const input = await validate(schema, req); if (input instanceof Response) return input;
func (m *migration) rewriteGuardCall(call *Node, fr *frame) {
	local, test := guardTestIn(m.src, call, m.h.guard)
	if fr.h.sets != "" {
		// const ok = await useAuth(req, res); if (!ok) return; => const auth = await useAuth(req); if (auth instanceof Response) return auth;
		if why := m.decoratingGuardCall(call, fr, local, test); why != "" {
			m.f.Todo(enclosingStatement(call).Start, "%s() sets req.%s, and now returns it (or the Response it sent) instead: %s", fr.h.name, fr.h.sets, why)
			return
		}
		if test == nil {
			return // the if statement was rewritten whole
		}
		local = m.h.decor[fr.h.sets].name
	}
	inline := (*Node)(nil)
	if test == nil {
		inline = inlineGuardTest(m.src, call)
	}
	if test == nil && inline == nil {
		m.f.Todo(enclosingStatement(call).Start, "%s() sends a response when it fails; routemod rewrites it where its result is bound to a local and tested right after (if (!x) return)", fr.h.name)
		return
	}
	// setCookie(res, ...); const user = await requireUser(req, res) — its 401 takes the cookie too
	merge := !fr.h.headersParam && m.mergeHeaders(call, fr)
	failed := func(local string) string {
		if merge {
			return m.withHeaders(local) // if (user instanceof Response) return withHeaders(user, headers)
		}
		return local
	}
	callee := call.ChildByField("function")
	name := m.text(callee)
	if fr.call != "" {
		name = fr.call
	}
	switch awaited := call.Parent != nil && call.Parent.Kind == "await_expression"; {
	case fr.awaits && !awaited && enclosingFunction(call) != m.h.fn:
		m.f.Todo(enclosingStatement(call).Start, "%s() now reads the request body and returns a Promise: await it here (routemod awaits it only in the function it rewrites)", m.text(callee))
		return
	case fr.awaits && !awaited:
		// const input = validate(schema, req, res) => const input = await validate(schema, req)
		m.needAsync(call.Start)
		m.f.Replace(callee.Start, callee.End, "await "+name)
	case name != m.text(callee):
		m.f.Replace(callee.Start, callee.End, name)
	}
	args := call.ChildByField("arguments")
	if fr.h.headersParam {
		m.varsAt(call.Start)
	}
	m.replaceFolding(args.Start, args.End, func(cp func(*Node) string) string {
		var out []string
		for i, a := range callArgs(call) {
			switch {
			case i != fr.h.resIndex:
				out = append(out, cp(a))
			case fr.h.headersParam:
				out = append(out, m.headersName()) // rateLimit(req, res) => rateLimit(req, headers)
			}
		}
		return "(" + strings.Join(out, ", ") + ")"
	})
	if inline != nil {
		// if (!rateLimit(req, res, 30)) return;
		//   => const rateLimitResult = rateLimit(req, headers, 30); if (rateLimitResult instanceof Response) return rateLimitResult;
		top := call
		if p := call.Parent; p != nil && p.Kind == "await_expression" {
			top = p
		}
		local = m.name("guard@"+strconv.Itoa(call.Start), m.text(callee)+"Result")
		semi := m.semi()
		m.replaceFolding(inline.Start, inline.End, func(cp func(*Node) string) string {
			return "const " + local + " = " + cp(top) + semi + m.f.Style.EOL + codemod.IndentAt(m.src, inline.Start) +
				"if (" + local + " instanceof Response) return " + failed(local) + semi
		})
		return
	}
	m.f.Replace(test.Start, test.End, "if ("+local+" instanceof Response) return "+failed(local)+m.semi())
}

// handsRes returns the call in the statement st that hands res on, or nil.
func (m *migration) handsRes(st *Node, res string) *Node {
	if st == nil {
		return nil
	}
	var found *Node
	st.Walk(func(n *Node) bool {
		if found == nil && n.Kind == "call_expression" {
			for _, a := range callArgs(n) {
				if isIdent(m.src, a, res) {
					found = n
				}
			}
		}
		return found == nil
	})
	return found
}

// afterGuardCall reports whether the return ret is the test right after a
// call of a planned guard helper (a guard that calls a guard).
func (m *migration) afterGuardCall(ret *Node) bool {
	test := ret.Parent
	if test != nil && test.Kind == "statement_block" {
		test = test.Parent
	}
	if test == nil || test.Kind != "if_statement" {
		return false
	}
	decl := prevStatement(test)
	if decl == nil || decl.Kind != "lexical_declaration" && decl.Kind != "variable_declaration" {
		return false
	}
	found := false
	decl.Walk(func(n *Node) bool {
		if found || n.Kind != "call_expression" {
			return !found
		}
		p := m.plannedFor(n.ChildByField("function"))
		if c := n.ChildByField("function"); p == nil && c != nil && c.Kind == "identifier" {
			p = m.plan.helper(helperKey{m.f.Path, m.text(c)})
		}
		if p != nil && p.guard {
			if _, t := guardTestIn(m.src, n, true); t == test {
				found = true
			}
		}
		return !found
	})
	return found
}

// decoratingGuardCall checks and rewrites the call of a guard helper that
// sets a property on the request (decorate.go): bound to a local tested
// right after, the local takes the name the handler reads the property
// by; tested in an if statement, that statement becomes the binding and
// the test. It says why not, "" when done.
//
//	const ok = await useAuth(req, res); if (!ok) return; => const auth = await useAuth(req); if (auth instanceof Response) return auth;
//	if (!(await useAuth(req, res))) return;           => const auth = await useAuth(req);\n if (auth instanceof Response) return auth;
func (m *migration) decoratingGuardCall(call *Node, fr *frame, local string, test *Node) string {
	d := m.h.decor[fr.h.sets]
	ifTest := guardIfTest(m.src, call)
	switch {
	case test != nil && m.usedBesidesTest(local, test):
		return "the handler uses " + local + " besides testing it"
	case d == nil || d.block == nil:
		return "routemod rewrites it where the handler calls it once, its result tested right after (if (!ok) return)"
	case test != nil && d.after != test.End || test == nil && (ifTest == nil || d.after != ifTest.End):
		return "routemod rewrites the one call the handler tests right after"
	}
	if test != nil {
		decl := prevStatement(test)
		if decl != nil && len(decl.NamedChildren()) == 1 {
			if id := decl.NamedChildren()[0].ChildByField("name"); id != nil && local != d.name {
				m.f.ReplaceNode(id, d.name)
			}
		}
		return ""
	}
	// if (!(await useAuth(req, res))) return; => const auth = await useAuth(req); if (auth instanceof Response) return auth;
	callee := call.ChildByField("function")
	name := m.text(callee)
	if fr.call != "" {
		name = fr.call
	}
	await := ""
	if call.Parent != nil && call.Parent.Kind == "await_expression" || fr.awaits {
		await = "await "
		if fr.awaits && (call.Parent == nil || call.Parent.Kind != "await_expression") {
			m.needAsync(call.Start)
		}
	}
	ind := codemod.IndentAt(m.src, ifTest.Start)
	m.replaceFolding(ifTest.Start, ifTest.End, func(cp func(*Node) string) string {
		var out []string
		for i, a := range callArgs(call) {
			if i != fr.h.resIndex {
				out = append(out, cp(a))
			}
		}
		return "const " + d.name + " = " + await + name + "(" + strings.Join(out, ", ") + ")" + m.semi() + m.f.Style.EOL +
			ind + "if (" + d.name + " instanceof Response) return " + d.name + m.semi()
	})
	return ""
}

// usedBesidesTest reports whether the handler spells local anywhere but in
// its declaration and the test: ok used besides if (!ok) return (or a name
// it shadows: either way, not rewritten).
func (m *migration) usedBesidesTest(local string, test *Node) bool {
	other := false
	m.h.fn.Walk(func(r *Node) bool {
		if isReference(r) && m.text(r) == local && !test.Contains(r) && !(r.Parent != nil && r.Parent.Kind == "variable_declarator" && r.Field == "name") {
			other = true
		}
		return !other
	})
	return other
}

// inlineGuardTest returns the if statement that calls a guard helper in
// its test and stops the caller when it fails, when the call is used that
// way and no other:
//
//	if (!rateLimit(req, res, 30)) return;          (or { return; }, await rateLimit(...))
func inlineGuardTest(src []byte, call *Node) *Node {
	top := call
	if p := call.Parent; p != nil && p.Kind == "await_expression" {
		top = p
	}
	not := top.Parent
	for not != nil && not.Kind == "parenthesized_expression" {
		not = not.Parent
	}
	if not == nil || not.Kind != "unary_expression" || !strings.HasPrefix(string(src[not.Start:not.End]), "!") {
		return nil
	}
	test := not.Parent
	for test != nil && test.Kind == "parenthesized_expression" {
		if test.Parent != nil && test.Parent.Kind == "if_statement" {
			test = test.Parent
			break
		}
		test = test.Parent
	}
	if test == nil || test.Kind != "if_statement" || test.ChildByField("alternative") != nil || codemod.Unparen(test.ChildByField("condition")) != not {
		return nil
	}
	if p := test.Parent; p == nil || p.Kind != "statement_block" && p.Kind != "switch_case" && p.Kind != "switch_default" {
		return nil // it becomes two statements
	}
	body := test.ChildByField("consequence")
	if body != nil && body.Kind == "statement_block" {
		if st := statements(body); len(st) == 1 {
			body = st[0]
		}
	}
	if body == nil || body.Kind != "return_statement" || len(body.NamedChildren()) > 0 {
		return nil
	}
	return test
}
