package transforms

import (
	"strconv"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// rewriteReqPattern splits a destructuring of the request itself into the
// reads each key becomes, in the order written; a key with no translation
// leaves the whole statement in place, marked:
//
//	const { query: { id, name }, method } = req => const { id } = await params; const name = req.nextUrl.searchParams.get("name") ?? undefined; const { method } = req
//	const { headers: { authorization } } = req  => const authorization = req.headers.get("authorization") ?? undefined
//	const { cookies: { token } } = req          => const token = req.cookies.get("token")?.value
//	const { body } = req                        => const body = await req.json()
//	const { query } = req / { socket } / { ...rest } = req => TODO(routemod)
func (m *migration) rewriteReqPattern(decl, pat, stmt *Node, bodyReads int, bodyParserOff bool) {
	f, req := m.f, m.h.req
	whole := func(what string) {
		f.Todo(stmt.Start, "%s is destructured for %s, which has no NextRequest equivalent routemod can write here: read what this code needs from %s.nextUrl.searchParams, params, %s.headers.get() or await %s.json() by hand", req, what, req, req, req)
	}
	if len(decl.Parent.NamedChildren()) != 1 {
		whole("several declarations")
		return
	}
	kw := m.text(decl.Parent.Children[0]) // const, let or var
	var out []string
	kept := true // only NextRequest members: nothing to rewrite
	for _, e := range pat.NamedChildren() {
		if e.Kind == "comment" {
			continue
		}
		key, val := patternKeyValue(m, e)
		switch {
		case requestMembers[key]:
			// const { method } = req keeps its meaning on a NextRequest
			out = append(out, kw+" { "+m.text(e)+" } = "+req+m.semi())
			continue
		case key == "query" && val != nil && m.isQueryAlias(val):
			// const { query } = req; query.id => each query.key read as req.query.key is
			for _, r := range m.queryAliasReads(val) {
				m.rewriteQuery(r, enclosingStatement(r))
			}
		case key == "query" && val != nil && val.Kind == "object_pattern":
			decls, ok := m.queryDecls(val, kw, stmt)
			if !ok {
				return
			}
			out = append(out, decls...)
		case (key == "headers" || key == "cookies") && val != nil && val.Kind == "object_pattern":
			get := func(k string) string { return req + ".headers.get(" + strconv.Quote(k) + ")" }
			if key == "cookies" {
				get = func(k string) string { return req + ".cookies.get(" + strconv.Quote(k) + ")?.value" }
			}
			decls, ok := m.keyedDecls(val, kw, stmt, key, get)
			if !ok {
				return
			}
			out = append(out, decls...)
		case key == "body" && val != nil && (val.Kind == "identifier" || val.Kind == "shorthand_property_identifier_pattern") && e.Kind != "object_assignment_pattern":
			switch {
			case bodyParserOff:
				f.Todo(stmt.Start, "bodyParser is off, so %s.body was undefined in pages; read the raw body with await %s.text() or %s.arrayBuffer()", req, req, req)
				return
			case bodyReads > 1:
				f.Todo(stmt.Start, "%s.body is destructured here and read elsewhere too: a route handler reads the body once with await %s.json(); read it once by hand", req, req)
				return
			case m.afterSend(stmt) || enclosingFunction(stmt) != m.h.fn:
				f.Todo(stmt.Start, "%s.body is destructured after a response is sent or inside a callback: read it once with await %s.json() at the top, by hand", req, req)
				return
			}
			if m.servesBodyless(stmt.Start) {
				f.Todo(stmt.Start, "this code also runs for GET: a GET has no body, so await %s.json() throws (500) where pages gave an empty %s.body; read the body only in the methods that send one", req, req)
			}
			m.needAsync(stmt.Start)
			f.Note("req.body is read with await %s.json(): pages also parsed urlencoded forms (application/x-www-form-urlencoded) and passed other bodies as text; read those with await %s.formData() or .text(). Invalid or empty JSON now throws (500) where pages answered 400", req, req)
			out = append(out, kw+" "+m.text(val)+" = await "+req+".json()"+m.semi())
		case key == "":
			whole("a rest or computed key")
			return
		case key == "query":
			f.Todo(stmt.Start, "%s.query is destructured into a local used as a whole: route handlers split it into params and %s.nextUrl.searchParams; rebuild the object this code needs", req, req)
			return
		default:
			whole(key)
			return
		}
		kept = false
	}
	if kept {
		return
	}
	if len(out) == 0 {
		m.dropStatement(decl.Parent) // nothing left to declare
		return
	}
	sep := f.Style.EOL + codemod.IndentAt(m.src, decl.Parent.Start)
	m.replaceFolding(decl.Parent.Start, decl.Parent.End, func(cp func(*Node) string) string { return strings.Join(out, sep) })
}

// dropStatement removes the statement st, with its line when it stands on
// a line of its own (a line, not into the next one: the code split into
// method exports copies whole lines).
func (m *migration) dropStatement(st *Node) {
	start, end := st.Start, st.End
	if onlySpaceBefore(m.src, start) && onlySpaceAfter(m.src, end) {
		start, end = codemod.LineStart(m.src, start), lineEnd(m.src, end)
	}
	m.replaceFolding(start, end, func(func(*Node) string) string { return "" })
}

// findQueryAlias records the local a destructuring of the request binds
// to the whole query, when every read of it is query.key: those reads are
// then translated as req.query.key is.
//
//	const { query, method } = req; query.id => (await params).id
func (m *migration) findQueryAlias(pat *Node) {
	for _, e := range pat.NamedChildren() {
		key, val := patternKeyValue(m, e)
		if key != "query" || val == nil || e.Kind == "object_assignment_pattern" || val.Kind != "identifier" && val.Kind != "shorthand_property_identifier_pattern" {
			continue
		}
		m.recordQueryAlias(val)
	}
}

// recordQueryAlias records the local val binds to the whole query when
// every read of it is query.key.
//
//	const query = req.query; query.c => req.nextUrl.searchParams.get("c") (the declaration goes)
func (m *migration) recordQueryAlias(val *Node) {
	name := m.text(val)
	scope := bindingScope(m.src, val, name)
	if scope == nil {
		return
	}
	ok := true
	m.aliasUses(scope, val, func(r *Node) {
		outer, _, isKey := keyRead(m, r)
		ok = ok && isKey && !inAssignTarget(m, outer)
	})
	if ok {
		if m.queryAliases == nil {
			m.queryAliases = map[string]*Node{}
		}
		m.queryAliases[name] = scope
	}
}

// aliasUses calls fn for every reference, in scope, to the binding of val.
func (m *migration) aliasUses(scope, val *Node, fn func(*Node)) {
	name := m.text(val)
	scope.Walk(func(n *Node) bool {
		if n != val && isReference(n) && m.text(n) == name && bindingScope(m.src, n, name) == scope {
			fn(n)
		}
		return true
	})
}

// isQueryAlias reports whether n is (a read of) a local findQueryAlias recorded.
func (m *migration) isQueryAlias(n *Node) bool {
	name := m.text(n)
	scope, ok := m.queryAliases[name]
	return ok && (n.Kind == "identifier" || n.Kind == "shorthand_property_identifier_pattern") && bindingScope(m.src, n, name) == scope
}

// queryAliasReads lists the reads of a query alias.
func (m *migration) queryAliasReads(val *Node) []*Node {
	var out []*Node
	m.aliasUses(m.queryAliases[m.text(val)], val, func(r *Node) { out = append(out, r) })
	return out
}

// patternKeyValue reads one entry of an object pattern: the key it reads
// and the pattern it binds ("" and nil for a rest or a computed key).
//
//	method => "method", method;  query: { id } => "query", { id };  body = {} => "body", body
func patternKeyValue(m *migration, e *Node) (string, *Node) {
	switch e.Kind {
	case "shorthand_property_identifier_pattern":
		return m.text(e), e
	case "object_assignment_pattern":
		if l := e.ChildByField("left"); l != nil && l.Kind == "shorthand_property_identifier_pattern" {
			return m.text(l), l
		}
	case "pair_pattern":
		k, v := e.ChildByField("key"), e.ChildByField("value")
		if s, ok := stringValue(m.src, k); ok {
			return s, v
		}
		if k != nil && k.Kind == "property_identifier" {
			return m.text(k), v
		}
	}
	return "", nil
}
