package transforms

import (
	"sort"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// httpMethods are the methods a route handler can export, in export order.
var httpMethods = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

// servedByDefault are the methods a handler without a method check is
// exported under; Next.js answers HEAD (from GET) and OPTIONS itself.
var servedByDefault = []string{"GET", "POST", "PUT", "PATCH", "DELETE"}

// outFunc is one exported function of the output.
type outFunc struct {
	methods []string
	parts   []part   // copied text, in order
	expr    *Node    // an arrow's expression body, returned
	lines   []string // statements routemod writes, after parts (a wrapper's answer)
	async   bool
	params  bool
	// tail is the block (or switch case) whose end is the function's end,
	// nil when unknown.
	tail *Node
	// statusVar and headersVar are set when the function sets status or
	// headers on their own lines, so its responses read them from locals.
	statusVar, headersVar bool
	prologue              []prologueLine
	prologueKeys          map[string]bool
	// guard is set for a function whose code runs in a try: a
	// next-connect route's, the catch answering as the router's onError.
	guard *tryCatch
}

// tryCatch is the catch an output function's code is wrapped in.
type tryCatch struct {
	param  string   // err, or err: any
	lines  []string // the catch block's statements
	params bool     // they read the route params
}

// part is a range of the original text copied into an output function.
// Its lines lose the indentation of base and gain the output's.
type part struct {
	start, end int
	base       string
	inline     bool // starts mid-line: copied on a line of its own
	block      bool // keeps its braces: it declares a name the shared code declares too
	nest       int  // extra indentation levels (code inside a try copied around it)
}

// arm is one method branch of a dispatch.
type arm struct {
	methods []string
	parts   []part
	ends    []*Node // containers whose end is the end of the output function
	body    *Node   // the branch's block or switch case, nil for a guard's rest
	branch  int     // the index in parts of the branch's own code
}

// splitMethods decides the output functions from how the handler
// dispatches on req.method.
//
//	if (req.method !== "POST") return res.status(405)...; rest  => export POST(rest)
//	if (req.method === "GET") {a} else if (... "POST") {b} else 405 => export GET(a), POST(b)
//	switch (req.method) { case "PUT": case "PATCH": x; break; } => export PUT(x); export { PUT as PATCH }
//	no method check                                   => export { handler as GET, handler as POST, ... } + note
//	method read any other way                         => the same, with a TODO at the read
func splitMethods(m *migration) {
	if m.chain != nil {
		m.splitChain()
		return
	}
	m.markOtherExports()
	m.findHelpers()
	m.findRemoteHelpers()
	if m.h.body.Kind == "statement_block" {
		m.nameGuardDecorations() // const ok = await useAuth(req, res); if (!ok) return; req.auth => auth
	}
	h := m.h
	if h.wrap != nil {
		defer m.restrictToWrapper()
	}
	if h.body.Kind != "statement_block" {
		// (req, res) => expr
		m.funcs = []*outFunc{{methods: m.defaultMethods(), expr: h.body}}
		m.endContainers = map[*Node]bool{}
		m.noteAllMethods()
		return
	}
	m.endContainers = map[*Node]bool{h.body: true}
	stmts := statements(h.body)
	aliases := m.methodAliases(stmts)
	m.aliases = aliases
	for i, st := range stmts {
		if !m.mentionsMethod(st) {
			continue
		}
		if m.isAliasDecl(st) {
			continue
		}
		pre := []part{m.span(h.body, stmts, 0, i)}
		if ok := m.splitAt(stmts, i, pre); ok {
			return
		}
		break
	}
	// No split: one function under every method.
	whole := m.bodyPart(h.body)
	m.funcs = []*outFunc{{methods: m.defaultMethods(), parts: []part{whole}, tail: h.body}}
	if m.reportUnsplittable(stmts) {
		return
	}
	m.noteAllMethods()
}

func (m *migration) noteAllMethods() {
	if m.h.wrap != nil {
		return // restrictToWrapper says which methods the wrapper lets through
	}
	if m.answersPreflight() {
		m.f.Note("no method check: exported under %s (OPTIONS too: the route answers CORS preflights, and Next.js's own OPTIONS answer has no CORS headers; Next.js answers HEAD itself); narrow it to the methods clients use", strings.Join(m.defaultMethods(), ", "))
		return
	}
	if m.corsTranslated() {
		m.f.Note("no method check: exported under %s (Next.js answers HEAD itself; OPTIONS is the CORS preflight answer routemod writes); narrow it to the methods clients use", strings.Join(servedByDefault, ", "))
		return
	}
	m.f.Note("no method check: exported under %s (Next.js answers HEAD and OPTIONS itself); narrow it to the methods clients use", strings.Join(servedByDefault, ", "))
}

// reportUnsplittable marks every method read routemod could not split.
func (m *migration) reportUnsplittable(stmts []*Node) bool {
	found := false
	for _, st := range stmts {
		if m.isAliasDecl(st) {
			continue
		}
		m.walkMethodRefs(st, func(ref *Node) {
			if !m.isDispatchRef(ref) {
				return
			}
			found = true
			m.f.Todo(enclosingStatement(ref).Start, "this handler reads the request method in a way routemod cannot split into method exports; it is exported under %s and still checks %s.method itself: split it by hand", strings.Join(m.defaultMethods(), ", "), m.h.req)
		})
	}
	return found
}

// splitAt tries the dispatch shapes at stmts[i].
func (m *migration) splitAt(stmts []*Node, i int, pre []part) bool {
	st := stmts[i]
	switch st.Kind {
	case "if_statement":
		set, neg, ok := m.methodTest(st.ChildByField("condition"))
		if !ok {
			return false
		}
		if neg && st.ChildByField("alternative") == nil && exits(m.src, st.ChildByField("consequence"), m.h.res) {
			// if (req.method !== "POST") return res.status(405)...  => export POST
			cons := st.ChildByField("consequence")
			if m.mentionsMethodIn(stmts[i+1:]) {
				if !m.splitWithin(stmts, i, pre, set) {
					return false
				}
				if !m.rejectsMethod([]*Node{cons}) {
					// if (!["GET", "POST"].includes(req.method)) return res.status(404).end(); if (GET) ... => GET, POST, and the 404 under PUT, PATCH, DELETE
					m.keepGuard(nil, set, pre, cons)
				}
				return true
			}
			rest := m.span(m.dispatchBlock(), stmts, i+1, len(stmts))
			if !m.rejectsMethod([]*Node{cons}) {
				// if (req.method !== "GET") return res.send("Method not allowed.") => export GET(rest); the guard's answer exported under POST, PUT, PATCH, DELETE
				m.keepGuard([]arm{{methods: sortMethods(set), parts: []part{rest}}}, set, pre, cons)
				return true
			}
			m.funcs = []*outFunc{{methods: sortMethods(set), parts: append(pre, rest), tail: m.h.body}}
			return true
		}
		if neg {
			return false
		}
		return m.splitIfChain(stmts, i, pre)
	case "try_statement":
		return m.splitInTry(stmts, i, pre)
	case "switch_statement":
		// switch (true) { case req.method === "GET": ... } reads each case as a method test
		if v := codemod.Unparen(st.ChildByField("value")); v != nil && v.Kind == "true" {
			m.switchTrue, m.switchFold = true, false
			return m.splitSwitch(stmts, i, pre)
		}
		fold, ok := m.methodRef(st.ChildByField("value"))
		if !ok {
			return false
		}
		m.switchFold, m.switchTrue, m.switchValue = fold, false, st.ChildByField("value")
		return m.splitSwitch(stmts, i, pre)
	}
	return false
}

// splitWithin splits the dispatch that follows a guard letting only set
// through: its arms and its fallback serve only those methods.
//
//	if (!["GET", "POST"].includes(req.method)) return 405; if (method === "GET") { a } b => export GET(a), POST(b)
func (m *migration) splitWithin(stmts []*Node, i int, pre []part, set []string) bool {
	if m.universe != nil {
		return false // one guard deep
	}
	for k := i + 1; k < len(stmts); k++ {
		if !m.mentionsMethod(stmts[k]) || m.isAliasDecl(stmts[k]) {
			continue
		}
		inner := append(append([]part{}, pre...), m.span(m.dispatchBlock(), stmts, i+1, k))
		m.universe = sortMethods(set)
		ok := m.splitAt(stmts, k, inner)
		m.universe = nil
		if !ok {
			m.funcs = nil
		}
		return ok
	}
	return false
}

// dispatchBlock is the block whose statements the dispatch being read
// belongs to: the handler's body, or the try block it sits in.
func (m *migration) dispatchBlock() *Node {
	if m.inTry != nil {
		return m.inTry
	}
	return m.h.body
}

// splitInTry splits a dispatch inside the try block that ends the handler:
// each method's function keeps the try, its catch and its finally around
// that method's code.
//
//	try { switch (req.method) { case "GET": a; case "POST": b } } catch (e) { c }
//	  => export GET() { try { a } catch (e) { c } }, export POST() { try { b } catch (e) { c } }
func (m *migration) splitInTry(stmts []*Node, i int, pre []part) bool {
	st := stmts[i]
	body := st.ChildByField("body")
	if m.inTry != nil || i != len(stmts)-1 || body == nil || !onlySpaceBefore(m.src, st.Start) || !onlySpaceBefore(m.src, body.End-1) {
		return false
	}
	for _, c := range st.NamedChildren() {
		if c != body && m.mentionsMethod(c) {
			return false // the catch or finally reads the method too
		}
	}
	inner := statements(body)
	for k, s := range inner {
		if !m.mentionsMethod(s) || m.isAliasDecl(s) {
			continue
		}
		m.inTry = body
		defer func() { m.inTry = nil }()
		if !m.splitAt(inner, k, []part{m.span(body, inner, 0, k)}) {
			m.funcs = nil
			return false
		}
		base := codemod.IndentAt(m.src, st.Start)
		head := part{start: codemod.LineStart(m.src, st.Start), end: body.Start + 1, base: base}
		tail := m.linePart(body.End-1, st.End)
		tail.base = base
		for _, fn := range m.funcs {
			parts := append(append([]part{}, pre...), head)
			for _, p := range fn.parts {
				p.nest++
				parts = append(parts, p)
			}
			fn.parts = append(parts, tail)
		}
		return true
	}
	return false
}

// splitIfChain handles `if (GET) {} else if (POST) {} else {}` and runs of
// independent `if (GET) { ...; return }` statements, with the trailing
// else or statements as the fallback.
func (m *migration) splitIfChain(stmts []*Node, i int, pre []part) bool {
	var arms []arm
	covered := map[string]bool{}
	var fallback []part
	var fallbackNodes []*Node
	// shared are the statements between independent method ifs: they run
	// for every method no earlier if returned for.
	//	if (GET) return a; const db = connect(); if (POST) return b(db) => export GET(a), POST(db; b)
	var shared []part
	allExit := true
	j := i
	for ; j < len(stmts); j++ {
		st := stmts[j]
		if !m.isMethodIf(st) {
			if len(arms) > 0 && fallback == nil && allExit && !m.mentionsMethod(st) && m.methodIfFollows(stmts[j+1:]) {
				shared = append(shared, m.span(m.dispatchBlock(), stmts, j, j+1))
				continue
			}
			break
		}
		cur := st
		for cur != nil {
			set, neg, ok := m.methodTest(cur.ChildByField("condition"))
			if !ok || neg {
				return false
			}
			cons := cur.ChildByField("consequence")
			a := arm{methods: m.newMethods(set, covered), parts: append(append([]part{}, shared...), m.branchPart(cons)), ends: []*Node{cons}, body: cons, branch: len(shared)}
			allExit = allExit && exits(m.src, cons, m.h.res)
			arms = append(arms, a)
			alt := cur.ChildByField("alternative")
			cur = nil
			if alt != nil {
				body := alt.NamedChildren()
				var b *Node
				for _, c := range body {
					if c.Kind != "comment" {
						b = c
					}
				}
				if b != nil && b.Kind == "if_statement" {
					if _, _, ok := m.methodTest(b.ChildByField("condition")); ok {
						cur = b
						continue
					}
				}
				if b != nil {
					fallback = []part{m.branchPart(b)}
					fallbackNodes = []*Node{b}
				}
			}
		}
		if st.ChildByField("alternative") != nil {
			j++
			break
		}
		if !exits(m.src, st.ChildByField("consequence"), m.h.res) && j+1 < len(stmts) {
			// an arm that falls through into later code: only the
			// single-statement chain is split.
			if fallback == nil {
				j++
				break
			}
		}
	}
	post := stmts[j:]
	if len(post) > 0 && fallback == nil && post[0].Kind == "if_statement" && post[0].ChildByField("alternative") == nil {
		// if (GET) return a; if (req.method !== "POST") return 405; rest => export GET(a), POST(rest)
		if set, neg, ok := m.methodTest(post[0].ChildByField("condition")); ok && neg && exits(m.src, post[0].ChildByField("consequence"), m.h.res) && !m.mentionsMethodIn(post[1:]) {
			rest := m.span(m.dispatchBlock(), stmts, j+1, len(stmts))
			arms = append(arms, arm{methods: m.newMethods(set, covered), parts: append(append([]part{}, shared...), rest)})
			if cons := post[0].ChildByField("consequence"); !m.rejectsMethod([]*Node{cons}) {
				// if (GET) return a; if (req.method !== "POST") return res.status(404).json(e); rest => GET(a), POST(rest), PUT, PATCH, DELETE(404)
				m.finishArms(arms, covered, pre, []part{m.branchPart(cons)}, []*Node{cons})
				return true
			}
			m.finishArms(arms, covered, pre, nil, nil)
			return true
		}
	}
	if m.mentionsMethodIn(post) || m.mentionsMethodIn(fallbackNodes) {
		return false
	}
	if len(post) > 0 {
		if fallback != nil {
			// if/else chain followed by more code: that code runs after every arm.
			tail := m.span(m.dispatchBlock(), stmts, j, len(stmts))
			for k := range arms {
				arms[k].parts = append(arms[k].parts, tail)
				arms[k].ends = nil
			}
			fallback = append(fallback, tail)
		} else {
			fallback = append(append([]part{}, shared...), m.span(m.dispatchBlock(), stmts, j, len(stmts)))
			fallbackNodes = post
		}
	}
	m.finishArms(arms, covered, pre, fallback, fallbackNodes)
	return true
}

// isMethodIf reports an if whose condition is a positive method test.
func (m *migration) isMethodIf(st *Node) bool {
	if st.Kind != "if_statement" {
		return false
	}
	_, neg, ok := m.methodTest(st.ChildByField("condition"))
	return ok && !neg
}

// methodIfFollows reports a positive method if among stmts.
func (m *migration) methodIfFollows(stmts []*Node) bool {
	for _, st := range stmts {
		if m.isMethodIf(st) {
			return true
		}
	}
	return false
}

// splitSwitch handles `switch (req.method)`.
func (m *migration) splitSwitch(stmts []*Node, i int, pre []part) bool {
	st := stmts[i]
	if m.mentionsMethodIn(stmts[i+1:]) {
		return false
	}
	body := st.ChildByField("body")
	var arms []arm
	covered := map[string]bool{}
	var group []string
	var fallback []part
	var fallbackNodes []*Node
	cases := []*Node{}
	for _, c := range body.Children {
		if c.Kind == "switch_case" || c.Kind == "switch_default" {
			cases = append(cases, c)
		}
	}
	for k, c := range cases {
		stmtsOf := statementsOfCase(c)
		if c.Kind == "switch_case" && m.switchTrue {
			set, neg, ok := m.methodTest(c.ChildByField("value"))
			if !ok || neg {
				return false
			}
			group = append(group, set...)
		} else if c.Kind == "switch_case" {
			v, ok := m.methodLiteral(c.ChildByField("value"))
			v = m.normMethod(v)
			if !ok || !isHTTPMethod(v) {
				return false
			}
			group = append(group, v)
		}
		if len(stmtsOf) == 0 {
			if c.Kind == "switch_default" || k == len(cases)-1 {
				if c.Kind == "switch_default" {
					fallback, fallbackNodes = []part{}, []*Node{c}
				}
			}
			continue // falls through to the next case
		}
		last := stmtsOf[len(stmtsOf)-1]
		if last.Kind == "break_statement" && last.NamedChildren() == nil {
			stmtsOf = stmtsOf[:len(stmtsOf)-1]
		} else if !exits(m.src, last, m.h.res) && k < len(cases)-1 {
			return false // falls through into the next case's code
		}
		if c.Kind != "switch_default" && m.mentionsMethodIn(stmtsOf) {
			return false
		}
		if breaks := m.switchBreaks(stmtsOf); len(breaks) > 0 {
			// case "PATCH": if (bad) { res.status(400).json(e); break; } ... => if (bad) { return Response.json(e, { status: 400 }); }
			// only when nothing follows the switch and a send precedes each break
			if i+1 < len(stmts) {
				return false
			}
			for _, b := range breaks {
				prev := prevStatement(b)
				if prev == nil || prev.Kind != "expression_statement" || !isSendChain(m.src, prev.NamedChildren()[0], m.h.res) {
					return false
				}
			}
			if m.exitBreaks == nil {
				m.exitBreaks = map[*Node]bool{}
			}
			for _, b := range breaks {
				m.exitBreaks[b] = true
			}
		}
		p := m.casePart(c, stmtsOf)
		if c.Kind == "switch_default" {
			fallback, fallbackNodes = []part{p}, []*Node{c}
			if len(group) > 0 {
				// case "X": default: ... — X shares the default's code.
				arms = append(arms, arm{methods: m.newMethods(group, covered), parts: []part{p}, ends: []*Node{c}, body: c})
			}
		} else {
			arms = append(arms, arm{methods: m.newMethods(group, covered), parts: []part{p}, ends: []*Node{c}, body: c})
		}
		group = nil
	}
	if i+1 < len(stmts) {
		tail := m.span(m.dispatchBlock(), stmts, i+1, len(stmts))
		for k := range arms {
			arms[k].parts = append(arms[k].parts, tail)
			arms[k].ends = nil
		}
		if fallback != nil {
			fallback = append(fallback, tail)
		} else {
			fallback = []part{tail}
			fallbackNodes = stmts[i+1:]
		}
	}
	m.finishArms(arms, covered, pre, fallback, fallbackNodes)
	return true
}

// finishArms turns arms into output functions. A fallback that answers 405
// is dropped (Next.js answers 405 itself); any other fallback is exported
// under the methods no arm covers, as pages served it to them.
func (m *migration) finishArms(arms []arm, covered map[string]bool, pre []part, fallback []part, fallbackNodes []*Node) {
	for _, a := range arms {
		if len(a.methods) == 0 {
			continue
		}
		if a.body != nil && len(a.parts) > 0 && m.clashes(a.body) {
			// const x = ...; if (GET) { const x = ... } => the branch keeps its own block
			a.parts[a.branch].block = true
		}
		fn := &outFunc{methods: a.methods, parts: append(append([]part{}, pre...), a.parts...), tail: m.h.body}
		if len(a.ends) == 1 {
			fn.tail = a.ends[0]
		}
		m.funcs = append(m.funcs, fn)
		for _, e := range a.ends {
			m.endContainers[e] = true
		}
	}
	if fallbackNodes == nil {
		return
	}
	if m.rejectsMethod(fallbackNodes) || len(fallback) == 0 {
		return
	}
	if emptyBlocks(fallbackNodes) && len(fallback) == len(fallbackNodes) {
		// if (GET) {...} else {} => GET only: an empty else answered nothing
		m.f.Note("the else for other methods is empty: pages left those requests hanging, so they are not exported and Next.js answers them 405")
		return
	}
	var rest []string
	for _, meth := range m.defaultMethods() {
		if !covered[meth] {
			rest = append(rest, meth)
		}
	}
	if len(rest) == 0 {
		return
	}
	for _, n := range fallbackNodes {
		m.endContainers[n] = true
	}
	tail := m.fallbackTail(fallbackNodes, fallback)
	m.funcs = append(m.funcs, &outFunc{methods: rest, parts: append(append([]part{}, pre...), fallback...), tail: tail})
	if m.universe != nil {
		return // the code after a guard's dispatch serves the methods the guard let through
	}
	if m.answers405(fallbackNodes) {
		// default: console.warn(...); res.status(405).end() => kept, and the note says it answers 405
		m.f.Note("the branch for other methods can answer 405 but routemod cannot tell that is all it does, so it is kept: it is exported under %s, as pages ran it for them (without it Next.js answers them 405 itself)", strings.Join(rest, ", "))
		return
	}
	m.f.Note("the branch for other methods does not answer 405: it is exported under %s, as pages ran it for them", strings.Join(rest, ", "))
}

// emptyBlocks reports whether every node is a block with no statements.
func emptyBlocks(nodes []*Node) bool {
	for _, n := range nodes {
		if n.Kind != "statement_block" || len(statements(n)) > 0 {
			return false
		}
	}
	return len(nodes) > 0
}

// answers405 reports whether the code of nodes mentions the status 405, or
// calls a converted helper that does.
func (m *migration) answers405(nodes []*Node) bool {
	found := false
	has405 := func(n *Node) {
		n.Walk(func(c *Node) bool {
			if c.Kind == "number" && m.text(c) == "405" {
				found = true
			}
			return !found
		})
	}
	for _, n := range nodes {
		has405(n)
		n.Walk(func(c *Node) bool {
			if c.Kind == "call_expression" {
				if fr := m.helperOf(c); fr != nil {
					if fr.h.fn != nil { // a project helper's body is in another file
						has405(fr.h.fn)
					}
				}
			}
			return !found
		})
	}
	return found
}

// fallbackTail is the container whose end ends the fallback's function;
// a lone block that declares a name the shared code declares keeps its braces.
func (m *migration) fallbackTail(fallbackNodes []*Node, fallback []part) *Node {
	tail := m.h.body
	if n := fallbackNodes[0]; len(fallbackNodes) == 1 && (n.Kind == "statement_block" || n.Kind == "switch_default") {
		if len(fallback) == 1 {
			tail = n
		}
		if m.clashes(n) {
			fallback[0].block = true
		}
	}
	return tail
}

// keepGuard finishes a split at a method guard that does not answer 405:
// the methods it refused keep its answer, as pages gave it to them.
func (m *migration) keepGuard(arms []arm, set []string, pre []part, cons *Node) {
	covered := map[string]bool{}
	for _, s := range set {
		covered[s] = true
	}
	m.finishArms(arms, covered, pre, []part{m.branchPart(cons)}, []*Node{cons})
}

// rejectsMethod reports whether a fallback only answers 405: it sends a
// 405 and does nothing but talk to res.
func (m *migration) rejectsMethod(nodes []*Node) bool {
	found := false
	var stmts []*Node
	for _, n := range nodes {
		if n.Kind == "switch_default" {
			stmts = append(stmts, statementsOfCase(n)...)
		} else if n.Kind == "statement_block" {
			stmts = append(stmts, statements(n)...)
		} else {
			stmts = append(stmts, n)
		}
		n.Walk(func(c *Node) bool {
			if c.Kind == "number" && m.text(c) == "405" {
				found = true
			}
			return !found
		})
	}
	for _, st := range stmts {
		switch st.Kind {
		case "break_statement":
		case "return_statement", "expression_statement":
			e := st.NamedChildren()
			if len(e) == 0 {
				continue
			}
			if !m.isResStatement(e[0]) {
				return false
			}
		default:
			return false
		}
	}
	return found
}

// isResStatement reports whether e only talks to res: a call chain on it or
// an assignment to one of its properties.
func (m *migration) isResStatement(e *Node) bool {
	e = codemod.Unparen(e)
	if m.isWebResponse(e) {
		return true // an edge handler's return new Response(null, { status: 405 })
	}
	if e.Kind == "assignment_expression" {
		obj, _, ok := member(m.src, e.ChildByField("left"))
		return ok && isIdent(m.src, obj, m.h.res)
	}
	if e.Kind == "call_expression" {
		if fr := m.helperOf(e); fr != nil && fr.h.resIndex >= 0 && !fr.h.guard {
			return true // sendError(res, 405, ...) — a converted helper that sends
		}
	}
	for e != nil && e.Kind == "call_expression" {
		obj, _, ok := member(m.src, e.ChildByField("function"))
		if !ok {
			return false
		}
		e = codemod.Unparen(obj)
	}
	return e != nil && m.h.res != "" && isIdent(m.src, e, m.h.res)
}

// isWebResponse reports new Response(...), Response.json(...) and their
// NextResponse forms: the answer of an edge handler.
func (m *migration) isWebResponse(e *Node) bool {
	switch e.Kind {
	case "new_expression":
		c := m.text(e.ChildByField("constructor"))
		return c == "Response" || c == "NextResponse"
	case "call_expression":
		switch m.text(e.ChildByField("function")) {
		case "Response.json", "NextResponse.json":
			return true
		}
	}
	return false
}

func (m *migration) newMethods(set []string, covered map[string]bool) []string {
	var out []string
	for _, s := range sortMethods(set) {
		if m.universe != nil && !contains(m.universe, s) {
			continue // a method the guard before answered 405
		}
		if !covered[s] {
			covered[s] = true
			out = append(out, s)
		}
	}
	return out
}

func sortMethods(set []string) []string {
	idx := map[string]int{}
	for i, s := range httpMethods {
		idx[s] = i
	}
	out := append([]string(nil), set...)
	sort.Slice(out, func(i, j int) bool { return idx[out[i]] < idx[out[j]] })
	return out
}

func isHTTPMethod(s string) bool {
	for _, h := range httpMethods {
		if h == s {
			return true
		}
	}
	return false
}

// statementsOfCase returns a case's statements, looking inside a lone block.
func statementsOfCase(c *Node) []*Node {
	var out []*Node
	for _, b := range c.ChildrenByField("body") {
		if b.Kind != "comment" {
			out = append(out, b)
		}
	}
	if len(out) == 1 && out[0].Kind == "statement_block" {
		return statements(out[0])
	}
	if len(out) == 2 && out[0].Kind == "statement_block" && out[1].Kind == "break_statement" {
		return statements(out[0])
	}
	return out
}

// switchBreaks lists the breaks that leave the switch from inside a case body.
func (m *migration) switchBreaks(stmts []*Node) []*Node {
	var out []*Node
	for _, s := range stmts {
		s.Walk(func(n *Node) bool {
			switch n.Kind {
			case "for_statement", "for_in_statement", "while_statement", "do_statement", "switch_statement",
				"function_declaration", "function_expression", "arrow_function", "method_definition":
				return false
			case "break_statement":
				if n.ChildByField("label") == nil {
					out = append(out, n)
				}
			}
			return true
		})
	}
	return out
}

// prevStatement returns the statement before st in its block, or nil.
func prevStatement(st *Node) *Node {
	if st.Parent == nil {
		return nil
	}
	sibs := st.Parent.Children
	for i := st.Index() - 1; i >= 0; i-- {
		if c := sibs[i]; c.Named && c.Kind != "comment" {
			return c
		}
	}
	return nil
}

// exits reports whether control never leaves n normally: it ends in a
// return or throw, or in a response sent through res.
func exits(src []byte, n *Node, res string) bool {
	if n == nil {
		return false
	}
	switch n.Kind {
	case "return_statement", "throw_statement":
		return true
	case "statement_block":
		st := statements(n)
		return len(st) > 0 && exits(src, st[len(st)-1], res)
	case "if_statement":
		alt := n.ChildByField("alternative")
		if alt == nil {
			return false
		}
		var b *Node
		for _, c := range alt.NamedChildren() {
			if c.Kind != "comment" {
				b = c
			}
		}
		return exits(src, n.ChildByField("consequence"), res) && exits(src, b, res)
	case "expression_statement":
		if res == "" {
			return false
		}
		e := n.NamedChildren()
		if len(e) == 0 {
			return false
		}
		return isSendChain(src, e[0], res)
	}
	return false
}

// isSendChain reports whether e is res....json/send/end/redirect(...).
func isSendChain(src []byte, e *Node, res string) bool {
	e = codemod.Unparen(e)
	if e.Kind == "await_expression" {
		e = codemod.Unparen(e.NamedChildren()[0])
	}
	if e.Kind != "call_expression" {
		return false
	}
	fn := e.ChildByField("function")
	obj, prop, ok := member(src, fn)
	if !ok {
		return false
	}
	switch prop {
	case "json", "send", "end", "redirect":
	default:
		return false
	}
	for obj != nil {
		obj = codemod.Unparen(obj)
		if isIdent(src, obj, res) {
			return true
		}
		if obj.Kind != "call_expression" {
			return false
		}
		o, p, ok := member(src, obj.ChildByField("function"))
		if !ok || (p != "status" && p != "setHeader") {
			return false
		}
		obj = o
	}
	return false
}

// span is the part holding stmts[from:to] of block, from the line after the
// previous statement (or the brace) to the end of the last one's line.
func (m *migration) span(block *Node, stmts []*Node, from, to int) part {
	start := block.Start + 1
	if from > 0 {
		start = stmts[from-1].End
	}
	end := block.End - 1
	if to < len(stmts) {
		end = stmts[to].Start
	}
	return m.linePart(start, end)
}

// linePart widens [start, end) to whole lines where only blanks lie
// outside it, and records the indentation of its first statement.
func (m *migration) linePart(start, end int) part {
	src := m.src
	if onlySpaceAfter(src, start) {
		start = lineEnd(src, start)
	}
	inline := !onlySpaceBefore(src, start) && start > codemod.LineStart(src, start)
	if !inline {
		start = codemod.LineStart(src, start)
	}
	if end > start && onlySpaceBefore(src, end) {
		end = codemod.LineStart(src, end)
	}
	if end < start {
		end = start
	}
	base := ""
	for i := start; i < end; i++ {
		if src[i] != ' ' && src[i] != '\t' && src[i] != '\n' && src[i] != '\r' {
			base = codemod.IndentAt(src, i)
			break
		}
	}
	return part{start: start, end: end, base: base, inline: inline}
}

// bodyPart is the whole interior of a block.
func (m *migration) bodyPart(block *Node) part { return m.linePart(block.Start+1, block.End-1) }

// branchPart is the interior of a branch block, or a lone statement.
func (m *migration) branchPart(n *Node) part {
	if n.Kind == "statement_block" {
		return m.bodyPart(n)
	}
	p := part{start: n.Start, end: n.End, base: codemod.IndentAt(m.src, n.Start), inline: true}
	if onlySpaceBefore(m.src, n.Start) {
		p.start, p.inline = codemod.LineStart(m.src, n.Start), false
		if onlySpaceAfter(m.src, n.End) {
			p.end = lineEnd(m.src, n.End)
		}
	}
	return p
}

// casePart is the code of a switch case, without its trailing break.
func (m *migration) casePart(c *Node, stmts []*Node) part {
	if len(stmts) == 0 {
		return part{start: c.End, end: c.End}
	}
	first, last := stmts[0], stmts[len(stmts)-1]
	start := first.Start
	// keep comments between the label (or the case's opening brace) and the first statement
	for _, ch := range first.Parent.Children {
		if ch.Kind == "comment" && ch.End <= first.Start && ch.Start > c.Start {
			if v := c.ChildByField("value"); v == nil || ch.Start > v.End {
				start = ch.Start
				break
			}
		}
	}
	p := part{start: start, end: last.End, base: codemod.IndentAt(m.src, start)}
	if onlySpaceBefore(m.src, start) {
		p.start = codemod.LineStart(m.src, start)
		if onlySpaceAfter(m.src, last.End) {
			p.end = lineEnd(m.src, last.End)
		}
	} else {
		p.inline = true
	}
	return p
}

// clashes reports whether a branch body declares, at its top level, a
// name the handler body also declares at its top level: flattened into one
// function they would collide.
func (m *migration) clashes(branch *Node) bool {
	var inner []*Node
	if branch.Kind == "switch_case" || branch.Kind == "switch_default" {
		inner = statementsOfCase(branch)
	} else if branch.Kind == "statement_block" {
		inner = statements(branch)
	}
	names := m.topDecls(statements(m.h.body))
	if b := m.dispatchBlock(); b != m.h.body {
		for n := range m.topDecls(statements(b)) {
			names[n] = true
		}
	}
	for n := range m.topDecls(inner) {
		if names[n] {
			return true
		}
	}
	return false
}

// topDecls lists the names declared by declarations among stmts.
func (m *migration) topDecls(stmts []*Node) map[string]bool {
	out := map[string]bool{}
	for _, st := range stmts {
		switch st.Kind {
		case "lexical_declaration", "variable_declaration":
			for _, d := range st.NamedChildren() {
				if d.Kind != "variable_declarator" {
					continue
				}
				d.ChildByField("name").Walk(func(n *Node) bool {
					if n.Kind == "identifier" || n.Kind == "shorthand_property_identifier_pattern" {
						out[m.text(n)] = true
					}
					return n.Kind != "type_annotation"
				})
			}
		case "function_declaration", "class_declaration", "generator_function_declaration":
			out[m.text(st.ChildByField("name"))] = true
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
