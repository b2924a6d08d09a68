package transforms

import (
	"slices"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// rewriteBody translates one read of req.body.
//
//	req.body (read once, straight-line)  => await req.json()
//	req.body (read more than once)        => body (const body = await req.json() before the statement that first reads it)
//	JSON.parse(req.body)                  => JSON.parse(await req.text())
//	new URLSearchParams(req.body)         => new URLSearchParams(await req.text())
//	req.body where the body is a form     => decode(await req.text()) (querystring, as pages parsed it)
func (m *migration) rewriteBody(mem, stmt *Node, bodyReads int, bodyParserOff bool) {
	f, req := m.f, m.h.req
	if isAssigned(mem) {
		f.Todo(stmt.Start, "%s.body is assigned: route handlers read the body once with await %s.json()", req, req)
		return
	}
	if bodyParserOff {
		f.Todo(stmt.Start, "bodyParser is off, so %s.body was undefined in pages; read the raw body with await %s.text() or %s.arrayBuffer()", req, req, req)
		return
	}
	m.noteStringTested(mem)
	kind, why := m.bodyForm()
	read, exact := "await "+req+".json()", true
	if kind == formBody {
		read, exact = m.formRead(nil)
	}
	if m.servesBodyless(mem.Start) {
		at, where := stmt, mem
		if a := m.bodyAnchors[mem]; m.bodyPlaced && a != nil {
			at, where = a, a // once, above the declaration
		}
		// req.method === "POST" ? req.body : null => no TODO: the read never runs for GET or HEAD
		if bodyless := m.bodylessAt(where); !m.bodyDeclared[at] && len(bodyless) > 0 {
			if bodyless[0] == "GET" {
				f.Todo(at.Start, "this code also runs for GET: a GET has no body, so %s throws (500) where pages gave an empty %s.body; read the body only in the methods that send one", read, req)
			} else {
				f.Todo(at.Start, "this code also runs for HEAD (Next.js answers HEAD with the GET function, with the method HEAD): a HEAD has no body, so %s throws (500) where pages gave an empty %s.body; read the body only in the methods that send one", read, req)
			}
		}
	}
	// A read after a send may end up in after(), which runs once the
	// response is sent: read the body before it, as pages did.
	late := m.afterSend(mem)
	single := bodyReads == 1 && enclosingFunction(mem) == m.h.fn && !inLoop(mem, m.h.fn) && !late
	if m.readsText(mem) {
		// JSON.parse(req.body) (a body sent as text) => JSON.parse(await req.text())
		// querystring.parse(req.body) / new URLSearchParams(req.body) => (await req.text()): the same fields, from the form's text
		if !single {
			f.Todo(stmt.Start, "%s parsed the body as text; with several body reads routemod cannot pick text, JSON or a form: read await %s.text() once by hand", m.text(mem.Parent.Parent.ChildByField("function"))+m.text(mem.Parent.Parent.ChildByField("constructor")), req)
			return
		}
		m.needAsync(mem.Start)
		f.ReplaceNode(mem, "await "+req+".text()")
		return
	}
	m.needAsync(mem.Start)
	switch kind {
	case formBody:
		if exact {
			f.Note("req.body is read as a form with querystring's decode, as pages parsed application/x-www-form-urlencoded: %s", why)
		} else {
			f.Note("req.body is read as a form with %s: %s. pages parsed it with querystring's decode; a field sent twice now keeps its last value where pages gave an array", read, why)
		}
	case mixedBody:
		f.Todo(stmt.Start, "%s: pages parsed req.body from JSON and from application/x-www-form-urlencoded; await %s.json() throws (500) on a form: read await %s.text() once and parse it with JSON.parse or, for a form, with querystring's decode, as pages did", why, req, req)
		f.Note("req.body is read with await %s.json(), marked where the route also takes forms", req)
	default:
		f.Note("req.body is read with await %s.json(): pages also parsed urlencoded forms (application/x-www-form-urlencoded) and passed other bodies as text; read those with await %s.formData() or .text(). Invalid or empty JSON now throws (500) where pages answered 400", req, req)
	}
	inline := func() {
		if kind == formBody {
			r, _ := m.formRead(mem)
			f.ReplaceNode(mem, r)
			return
		}
		f.ReplaceNode(mem, awaitExpr(mem, read))
	}
	if m.bodyPlaced {
		// the read stays where pages' first read of req.body was (see planBodyReads)
		anchor := m.bodyAnchors[mem]
		if anchor == nil {
			inline()
			return
		}
		name := m.name("body", "body", "requestBody")
		if !m.bodyDeclared[anchor] {
			if m.bodyDeclared == nil {
				m.bodyDeclared = map[*Node]bool{}
			}
			m.bodyDeclared[anchor] = true
			m.declareBody(anchor, "const "+name+" = "+read+m.semi())
		}
		f.ReplaceNode(mem, name)
		return
	}
	if bodyReads > 1 && !late && !(len(m.funcs) == 1 && m.funcs[0].expr != nil) {
		// (an arrow's expression body has no code above its reads)
		f.Todo(stmt.Start, "the body is now read at the top of this function (const body = %s), above code pages ran before it first read %s.body; routemod could not keep the read in place: move it down", read, req)
	}
	if single {
		inline()
		return
	}
	name := m.name("body", "body", "requestBody")
	m.needPrologue(mem.Start, "body", "const "+name+" = "+read+m.semi())
	f.ReplaceNode(mem, name)
}

// readsText reports whether the read of req.body mem takes the body as
// text: JSON.parse(req.body), querystring.parse(req.body), ... outside the
// branch of a typeof test that made it a string (see stringTested).
func (m *migration) readsText(mem *Node) bool {
	if isJSONParseArg(m, mem) {
		return !m.stringTested(mem)
	}
	return textParseArg(m, mem)
}

// noteStringTested says, once per file, what await req.json() changes for
// a read of the body a typeof test made a string (see stringTested).
func (m *migration) noteStringTested(mem *Node) {
	if isJSONParseArg(m, mem) && m.stringTested(mem) {
		m.f.Note("%s", stringTestedNote) // (once: Note drops a repeat)
	}
}

const stringTestedNote = "JSON.parse(req.body) where typeof req.body is \"string\" read the body as JSON whether Next had parsed it or not; await req.json() parses every body as JSON, so that branch now runs only for a JSON string value (a text/plain body whose JSON is a string is parsed twice, where pages parsed it once)"

// stringTested reports whether the read of req.body mem is in the branch
// a typeof test of req.body made a string: the body the code takes as
// JSON whether Next parsed it or not, as await req.json() gives it. A
// JSON body was a string in pages only when its value was one, and the
// branch parses it again as it did; a text/plain body whose JSON is a
// string is the one that reads otherwise (it is parsed twice):
//
//	typeof req.body === "string" ? JSON.parse(req.body) : req.body => typeof body === "string" ? JSON.parse(body) : body (const body = await req.json())
//	if (typeof req.body === "string") return JSON.parse(req.body)    => if (typeof body === "string") return JSON.parse(body)
func (m *migration) stringTested(mem *Node) bool {
	for c := mem; c != nil && c != m.h.fn; c = c.Parent {
		p := c.Parent
		if p == nil {
			return false
		}
		var test *Node
		switch {
		case p.Kind == "ternary_expression" && c.Field == "consequence":
			test = p.ChildByField("condition")
		case p.Kind == "if_statement" && c.Field == "consequence":
			test = p.ChildByField("condition")
		}
		if test != nil && m.typeofBodyString(codemod.Unparen(test)) {
			return true
		}
	}
	return false
}

// typeofBodyString reports typeof req.body === "string" (== too, either
// way round).
func (m *migration) typeofBodyString(n *Node) bool {
	if n == nil || n.Kind != "binary_expression" {
		return false
	}
	if op := m.text(n.ChildByField("operator")); op != "===" && op != "==" {
		return false
	}
	l, r := codemod.Unparen(n.ChildByField("left")), codemod.Unparen(n.ChildByField("right"))
	if l != nil && l.Kind == "string" {
		l, r = r, l
	}
	if l == nil || r == nil || r.Kind != "string" || strings.Trim(m.text(r), "\"'`") != "string" || l.Kind != "unary_expression" || m.text(l.ChildByField("operator")) != "typeof" {
		return false
	}
	obj, prop, ok := member(m.src, codemod.Unparen(l.ChildByField("argument")))
	return ok && prop == "body" && isIdent(m.src, obj, m.h.req)
}

// bodyGroup is a set of req.body reads that share one declaration of the
// parsed body, written just before anchor.
type bodyGroup struct {
	anchor *Node
	reads  []*Node
}

// planBodyReads places the reads of req.body where the original first
// touched them: one declaration before the statement that holds the first
// read of each group, never at the top of the function (above an auth
// check, out of a try, into a method that never reads the body).
//
//	if (!user) return 401; try { a(req.body.x); b(req.body.y) } => if (!user) return 401; try { const body = await req.json(); a(body.x); b(body.y) }
//	if (POST) { f(req.body.a) } else if (PUT) { g(req.body.b) } => each read in place (await req.json())
//
// Reads in branches that exclude each other get a declaration each; any
// other reads share the declaration before the statement holding them all.
// It returns, for every read, the statement its declaration goes before
// (nil: the read is written in place), and false when the reads cannot be
// placed so that each output function reads the body once, before every
// read: the caller falls back to a marked declaration at the top.
func (m *migration) planBodyReads(reads []*Node) (map[*Node]*Node, bool) {
	anchors := map[*Node]*Node{}
	named := map[*Node]bool{}
	seen := map[*Node]bool{}
	funcs := m.funcs
	if len(funcs) == 0 {
		return nil, false
	}
	own := map[*outFunc][]*Node{} // the anchors each function's reads need
	for _, fn := range funcs {
		if fn.expr != nil {
			return nil, false // an expression body has no statement to put the declaration before
		}
		var rs []*Node
		for _, r := range reads {
			if slices.Contains(m.scopesAt(r.Start), fn) {
				rs = append(rs, r)
			}
		}
		groups, ok := m.groupBodyReads(rs)
		if !ok {
			return nil, false
		}
		for _, g := range groups {
			if !slices.Contains(m.scopesAt(g.anchor.Start), fn) {
				return nil, false // the statement is not copied into this function
			}
			own[fn] = append(own[fn], g.anchor)
			for _, r := range g.reads {
				if seen[r] && anchors[r] != g.anchor {
					return nil, false // shared code would need two placements
				}
				seen[r] = true
				anchors[r] = g.anchor
				if len(g.reads) > 1 || enclosingFunction(r) != m.h.fn || inLoop(r, m.h.fn) || m.afterSend(r) {
					named[r] = true
				}
			}
		}
	}
	for _, r := range reads {
		if !seen[r] {
			return nil, false // a read no output function holds (a dispatch condition)
		}
	}
	// A declaration copied into a function whose reads do not need it would
	// read the body twice.
	for _, fn := range funcs {
		for _, a := range anchors {
			if slices.Contains(m.scopesAt(a.Start), fn) && !slices.Contains(own[fn], a) {
				return nil, false
			}
		}
	}
	// A group read in place in one function and shared in another is shared.
	for r, a := range anchors {
		if !named[r] {
			for r2, a2 := range anchors {
				if a2 == a && named[r2] {
					named[r] = true
				}
			}
		}
	}
	out := map[*Node]*Node{}
	for r, a := range anchors {
		if named[r] {
			out[r] = a
		} else {
			out[r] = nil
		}
	}
	return out, true
}

// groupBodyReads groups reads (in source order) by the declaration they share.
func (m *migration) groupBodyReads(reads []*Node) ([]*bodyGroup, bool) {
	var groups []*bodyGroup
	for _, r := range reads {
		placed := false
		for _, g := range groups {
			if dominates(g.anchor, r) {
				g.reads = append(g.reads, r)
				placed = true
				break
			}
		}
		if placed {
			continue
		}
		cur := &bodyGroup{anchor: m.bodyAnchor(r), reads: []*Node{r}}
		if cur.anchor == nil {
			return nil, false
		}
		for merged := true; merged; {
			merged = false
			for i, g := range groups {
				if m.exclusive(g.anchor, cur.anchor) {
					continue
				}
				a := m.bodyAnchor(commonAncestor(g.anchor, cur.anchor))
				if a == nil {
					return nil, false
				}
				cur = &bodyGroup{anchor: a, reads: append(append([]*Node{}, g.reads...), cur.reads...)}
				groups = slices.Delete(groups, i, i+1)
				merged = true
				break
			}
		}
		groups = append(groups, cur)
	}
	return groups, true
}

// bodyAnchor returns the statement a declaration read by n goes before: the
// statement of a statement list that holds n, outside any loop or nested
// function within the handler (the body is read once, by the handler), or
// a lone statement copied as a whole method branch. nil when none.
func (m *migration) bodyAnchor(n *Node) *Node {
	for p := n.Parent; p != nil && p != m.h.fn; p = p.Parent {
		switch p.Kind {
		case "for_statement", "for_in_statement", "while_statement", "do_statement",
			"function_declaration", "function_expression", "arrow_function", "function", "method_definition", "generator_function", "generator_function_declaration":
			n = p
		}
	}
	for s := n; s != nil && s != m.h.fn; s = s.Parent {
		if inStatementList(s) || m.lonePart(s) {
			return m.beforeSend(s)
		}
	}
	return nil
}

// beforeSend moves an anchor that follows a send up to the earliest send
// before it: code after a send may move into after(), which runs once the
// response is gone, and pages had parsed the body before the handler ran.
//
//	res.json(x); await log(req.body) => const body = await req.json(); return Response.json(x) + after(... body ...)
func (m *migration) beforeSend(s *Node) *Node {
	if m.h.res == "" {
		return s
	}
	out := s
	for cur := s; cur != nil && cur != m.h.fn; cur = cur.Parent {
		if !inStatementList(cur) {
			continue
		}
		for prev := prevStatement(cur); prev != nil; prev = prevStatement(prev) {
			if prev.Kind == "expression_statement" && exits(m.src, prev, m.h.res) {
				out = prev
			}
		}
	}
	return out
}

// inStatementList reports whether s is a statement of a block, a switch
// case or the program.
func inStatementList(s *Node) bool {
	p := s.Parent
	if p == nil || !s.Named || s.Kind == "comment" {
		return false
	}
	switch p.Kind {
	case "statement_block", "program":
		return true
	case "switch_case", "switch_default":
		return s.Field == "body"
	}
	return false
}

// lonePart reports whether s, a statement outside any block (a branch
// without braces), is copied whole as the code of each function holding it.
//
//	if (req.method === "POST") return f(req.body.a, req.body.b) => export POST: const body = ...; return f(body.a, body.b)
func (m *migration) lonePart(s *Node) bool {
	if !s.Named || !isStatementKind(s.Kind) {
		return false
	}
	fns := m.scopesAt(s.Start)
	if len(fns) == 0 {
		return false
	}
	for _, fn := range fns {
		found := false
		for _, p := range fn.parts {
			if p.start <= s.Start && p.end >= s.End && string(trimSpace(m.src[p.start:p.end])) == m.text(s) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func isStatementKind(k string) bool {
	switch k {
	case "expression_statement", "return_statement", "throw_statement", "lexical_declaration", "variable_declaration", "if_statement", "try_statement", "switch_statement":
		return true
	}
	return false
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\n' || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// dominates reports whether a declaration before anchor is in scope and
// already made at n: n lies in anchor's statement or after it in the same list.
func dominates(anchor, n *Node) bool {
	return anchor.Parent != nil && anchor.Parent.Contains(n) && n.Start >= anchor.Start
}

// commonAncestor returns the innermost node holding both a and b.
func commonAncestor(a, b *Node) *Node {
	for p := a; p != nil; p = p.Parent {
		if p.Contains(b) {
			return p
		}
	}
	return nil
}

// exclusive reports whether no run of the handler reaches both a and the
// later b: they sit in the two branches of one if, in two switch cases the
// first of which does not fall through, or a lies in a branch that always
// returns or throws before b.
//
//	if (x) { req.body.a } else { req.body.b }         => exclusive
//	if (x) { req.body.a; return ... } req.body.b      => exclusive
//	if (x) { req.body.a } req.body.b                  => not
func (m *migration) exclusive(a, b *Node) bool {
	if a.Contains(b) || b.Contains(a) {
		return false
	}
	if b.Start < a.Start {
		a, b = b, a
	}
	l := commonAncestor(a, b)
	for x := a; x != nil && x != l; x = x.Parent {
		if x.Field == "consequence" && x.Parent != nil && x.Parent.Kind == "if_statement" {
			if alt := x.Parent.ChildByField("alternative"); alt != nil && alt.Contains(b) {
				return true
			}
			if exits(m.src, x, "") {
				return true
			}
		}
		if (x.Kind == "switch_case" || x.Kind == "switch_default") && x.Parent == l {
			st := statementsOfCase(x)
			if len(st) > 0 {
				switch st[len(st)-1].Kind {
				case "break_statement", "return_statement", "throw_statement":
					return true
				}
			}
		}
	}
	return false
}

// declareBody inserts the declaration of the parsed body before anchor.
func (m *migration) declareBody(anchor *Node, decl string) {
	if onlySpaceBefore(m.src, anchor.Start) {
		m.f.Insert(codemod.LineStart(m.src, anchor.Start), codemod.IndentAt(m.src, anchor.Start)+decl+m.f.Style.EOL)
		return
	}
	if m.lonePart(anchor) {
		// if (POST) return f(req.body.a, req.body.b) => its own line in POST, at the statement's indentation
		m.f.Insert(anchor.Start, decl+m.f.Style.EOL+codemod.IndentAt(m.src, anchor.Start))
		return
	}
	m.f.Insert(anchor.Start, decl+" ")
}
