package transforms

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/routemod/routemod/codemod"
)

// rewriteRequest translates every read of the request.
//
//	req.body (read once, straight-line)  => await req.json()
//	req.body (read more than once)        => body (const body = await req.json() at the top)
//	await buffer(req) / getRawBody(req)   => Buffer.from(await req.arrayBuffer())
//	req.query.id   ([id] in the path)     => (await params).id
//	req.query.q                           => req.nextUrl.searchParams.get("q")
//	const { id, q } = req.query           => const { id } = await params; const q = req.nextUrl.searchParams.get("q")
//	req.headers.authorization / ["x-y"]   => req.headers.get("authorization") / req.headers.get("x-y")
//	req.cookies.session                   => req.cookies.get("session")?.value
//	req.url                               => (req.nextUrl.pathname + req.nextUrl.search)
//	req.method                            => unchanged
//	req.on("close", fn)                   => req.signal.addEventListener("abort", fn) (see rewriteCloseListener)
//	req passed on, req.socket, req.on(...) => TODO(routemod)
func rewriteRequest(m *migration) {
	if !m.h.helper {
		defer m.dropDeadReaders() // the handler runs last, after its helpers
	}
	if m.edgeRuntime() {
		// An edge API route already takes a Web Request: req.body, req.url and
		// req.headers mean there what they mean in a route handler.
		return
	}
	var refs []*Node
	references(m.src, m.h.fn, m.h.req, func(n *Node) { refs = append(refs, n) })
	bodyReads := 0
	bodyParserOff := m.bodyParserOff()
	var jsonReads []*Node
	for _, r := range refs {
		if mem, prop, ok := memberOf(m, r); ok && prop == "body" {
			bodyReads++
			if !isAssigned(mem) && !bodyParserOff && !m.readsText(mem) && !m.rewritten(r.Start) {
				jsonReads = append(jsonReads, mem)
			}
		}
		if pat := destructured(r); pat != nil {
			for _, e := range pat.NamedChildren() {
				if k, _ := patternKeyValue(m, e); k == "body" {
					bodyReads++ // const { body } = req
				}
			}
		}
	}
	for _, r := range refs {
		if pat := destructured(r); pat != nil {
			m.findQueryAlias(pat)
		}
		if decl := queryDeclarator(m, r); decl != nil {
			m.recordQueryAlias(decl.ChildByField("name"))
		}
	}
	m.bodyAnchors, m.bodyPlaced = nil, false
	if len(jsonReads) > 0 {
		m.bodyAnchors, m.bodyPlaced = m.planBodyReads(jsonReads)
	}
	for _, r := range refs {
		m.rewriteReqRef(r, bodyReads, bodyParserOff)
	}
}

// memberOf returns the member expression reading a property of ref.
func memberOf(m *migration, ref *Node) (*Node, string, bool) {
	p := ref.Parent
	if p == nil || (p.Kind != "member_expression" && p.Kind != "subscript_expression") || ref.Field != "object" {
		return nil, "", false
	}
	_, prop, ok := member(m.src, p)
	return p, prop, ok
}

// destructured returns the object pattern ref is the value of
// (const { a } = ref), or nil.
func destructured(ref *Node) *Node {
	p := ref.Parent
	if p == nil || p.Kind != "variable_declarator" || ref.Field != "value" {
		return nil
	}
	if pat := p.ChildByField("name"); pat != nil && pat.Kind == "object_pattern" {
		return pat
	}
	return nil
}

// argumentOf returns the call (or new) ref is handed to, as an argument or
// inside an object or array literal that is one: f(req), f({ req }),
// f({ ...req }), f([req, res]), f({ request: req }).
func argumentOf(ref *Node) *Node {
	n := ref
	for p := n.Parent; p != nil; n, p = p, p.Parent {
		switch p.Kind {
		case "arguments":
			return p.Parent
		case "object", "array", "spread_element", "parenthesized_expression":
		case "pair":
			if n.Field != "value" {
				return nil
			}
		default:
			return nil
		}
	}
	return nil
}

// callee is the function (or constructor) a call or new expression calls.
func callee(call *Node) *Node {
	if c := call.ChildByField("function"); c != nil {
		return c
	}
	return call.ChildByField("constructor")
}

func (m *migration) rewriteReqRef(ref *Node, bodyReads int, bodyParserOff bool) {
	f := m.f
	if m.rewritten(ref.Start) || m.libTaken[ref.Start] {
		return // inside a larger rewrite already made (an array normalisation)
	}
	req := m.h.req
	stmt := enclosingStatement(ref)
	mem, prop, ok := memberOf(m, ref)
	if !ok && m.readCastDecoration(ref) {
		return // (req as AuthRequest).auth => auth
	}
	if !ok {
		if m.rawReader(ref) {
			return
		}
		if p := ref.Parent; p != nil && (p.Kind == "member_expression" || p.Kind == "subscript_expression") && ref.Field == "object" {
			f.Todo(stmt.Start, "a computed read of %s: check it against NextRequest", req)
			return
		}
		if pat := destructured(ref); pat != nil {
			m.rewriteReqPattern(ref.Parent, pat, stmt, bodyReads, bodyParserOff)
			return
		}
		if p := ref.Parent; p != nil && p.Kind == "arguments" {
			if fr := m.helperOf(p.Parent); fr != nil && fr.h != m.h && fr.h.reqIndex >= 0 {
				if fr.h.resIndex < 0 && (fr.call != "" || fr.awaits) {
					m.rewriteReaderCall(p.Parent, fr) // getUser(req) => await getUser(req)
				}
				return // a converted helper takes the NextRequest itself
			}
		}
		if call := argumentOf(ref); call != nil {
			if m.passesRes(call) && m.projectFunc(callee(call)) != "" {
				return // requireUser(req, res): the response rule marks the call once, naming the helper
			}
			// getSession({ req }), verify(req), createClient({ req, res }), new X(req)
			if how := m.streamReader(call, ref); how != "" {
				// readCapped(req) (a local reader of a shape routemod does not know) => the TODO says what it does
				f.Todo(stmt.Start, "%s is passed to %s(): it is now a NextRequest (a Web Request), not a Node IncomingMessage; %s", req, m.text(callee(call)), how)
				return
			}
			f.Todo(stmt.Start, "%s is passed to %s(): it is now a NextRequest (a Web Request), not a Node IncomingMessage; check that it accepts one%s", req, m.text(callee(call)), m.projectHelper(call, ref))
			return
		}
		f.Todo(stmt.Start, "%s is used as a whole: it is now a NextRequest (a Web Request), not a Node IncomingMessage", req)
		return
	}
	if m.rewriteCloseListener(mem, prop) {
		return
	}
	if m.readDecoration(mem, prop) {
		return
	}
	switch prop {
	case "method", "nextUrl", "json", "text", "formData", "arrayBuffer", "blob", "signal":
		return
	case "body":
		m.rewriteBody(mem, stmt, bodyReads, bodyParserOff)
	case "query":
		m.rewriteQuery(mem, stmt)
	case "headers":
		m.rewriteKeyed(mem, stmt, "headers", func(k string) string { return req + ".headers.get(" + strconv.Quote(k) + ")" })
	case "cookies":
		m.rewriteKeyed(mem, stmt, "cookies", func(k string) string { return req + ".cookies.get(" + strconv.Quote(k) + ")?.value" })
	case "url":
		if isAssigned(mem) {
			f.Todo(stmt.Start, "%s.url is assigned; NextRequest.url is read-only", req)
			return
		}
		text := req + ".nextUrl.pathname + " + req + ".nextUrl.search"
		if !standsAlone(mem) {
			text = "(" + text + ")"
		}
		f.ReplaceNode(mem, text)
	case "socket", "connection":
		f.Todo(stmt.Start, "%s.%s is Node-only; route handlers have no socket (for the client address read the x-forwarded-for header)", req, prop)
	default:
		f.Todo(stmt.Start, "%s.%s is a Node IncomingMessage or pages-only member with no NextRequest equivalent routemod can write", req, prop)
	}
}

// rewriteQuery splits req.query into route params and search params.
func (m *migration) rewriteQuery(mem, stmt *Node) {
	f := m.f
	req := m.h.req
	if !isAssigned(mem) {
		if local := m.queryLocal(mem); local != "" {
			// res.json({ query: req.query }) => Response.json({ query }), the pages object rebuilt above
			if p := mem.Parent; p != nil && p.Kind == "pair" && mem.Field == "value" && m.text(p.ChildByField("key")) == local {
				f.ReplaceNode(p, local)
				return
			}
			f.ReplaceNode(mem, local)
			return
		}
	}
	// const { id, page } = req.query as { id: string; page?: string } / (req.query as Q).id => read like req.query
	for p := mem.Parent; p != nil && (p.Kind == "as_expression" || p.Kind == "satisfies_expression" || p.Kind == "non_null_expression" || p.Kind == "parenthesized_expression") && mem.Field != "type"; p = mem.Parent {
		mem = p
	}
	if isAssigned(mem) {
		f.Todo(stmt.Start, "%s.query is assigned: route handlers read params and searchParams instead", req)
		return
	}
	if outer, key, ok := keyRead(m, mem); ok {
		if inAssignTarget(m, outer) {
			f.Todo(stmt.Start, "%s.query.%s is modified: route handlers read params and searchParams, which cannot be assigned", req, key)
			return
		}
		if m.isSegment(key) {
			if enclosingFunction(outer) != m.h.fn {
				// todos.find((t) => t.id === req.query.id) => const id = (await params).id; ... t.id === id
				local := m.name("param:"+key, identName(key), identName(key)+"Param")
				m.needPrologue(outer.Start, "param:"+key, "const "+local+" = "+m.paramsRead(outer.Start)+propAccess(key)+m.semi())
				f.ReplaceNode(outer, local)
				return
			}
			f.ReplaceNode(outer, m.paramsRead(outer.Start)+propAccess(key))
			return
		}
		local := declaredLocal(m, outer)
		if local != "" && m.untoldArrayTest(local, key, m.arrayKeys()[key]) && m.declarePagesValue(outer, key) {
			return // const s = req.query.s; Array.isArray(s) ? ... => s read as pages gave it
		}
		m.searchNote()
		if m.markArrayTest(outer, key, m.arrayKeys()[key], "") {
			return
		}
		if local != "" {
			m.markArrayTests(local, key, m.arrayKeys()[key])
		}
		if m.arrayKeys()[key] {
			// Array.isArray(req.query.tags) / req.query.tags as string[] => searchParams.getAll("tags")
			all := req + ".nextUrl.searchParams.getAll(" + strconv.Quote(key) + ")"
			sameRead := func(n *Node) bool {
				o, k, ok := member(m.src, n)
				return ok && k == key && o != nil && m.text(o) == m.text(mem)
			}
			if t := m.arrayNormalization(outer, sameRead); t != nil {
				// Array.isArray(req.query.t) ? req.query.t : [req.query.t] => searchParams.has("t") ? searchParams.getAll("t") : [undefined]
				f.ReplaceNode(t, m.keyHasOr(key, all))
				return
			}
			switch {
			case m.truthTest(outer):
				// req.query.t ? ... => req.nextUrl.searchParams.getAll("t").join() !== "" ? ...
				test := all + `.join() !== ""`
				if _, p := outerParens(outer); p.Kind == "unary_expression" {
					test = "(" + test + ")" // !req.query.t => !(getAll("t").join() !== "")
				}
				f.ReplaceNode(outer, test)
			case m.concatArg(outer) && !m.guardedByTest(outer):
				// [].concat(req.query.t) => [].concat(searchParams.has("t") ? searchParams.getAll("t") : [undefined as never])
				f.ReplaceNode(outer, m.h.req+".nextUrl.searchParams.has("+strconv.Quote(key)+") ? "+all+" : ["+m.missingElement()+"]")
			default:
				f.ReplaceNode(outer, all)
			}
			return
		}
		f.ReplaceNode(outer, m.undefinedIfMissing(req+".nextUrl.searchParams.get("+strconv.Quote(key)+")", outer))
		return
	}
	decl := mem.Parent
	if decl != nil && decl.Kind == "variable_declarator" && mem.Field == "value" {
		if pat := decl.ChildByField("name"); pat != nil && pat.Kind == "object_pattern" && len(decl.Parent.NamedChildren()) == 1 {
			kw := m.text(decl.Parent.Children[0]) // const, let or var
			out, ok := m.queryDecls(pat, kw, stmt)
			if !ok {
				return
			}
			sep := m.f.Style.EOL + codemod.IndentAt(m.src, decl.Parent.Start)
			m.replaceFolding(decl.Parent.Start, decl.Parent.End, func(cp func(*Node) string) string {
				return strings.Join(out, sep)
			})
			return
		}
	}
	if decl != nil && decl.Kind == "variable_declarator" && mem.Field == "value" && m.isQueryAlias(decl.ChildByField("name")) && len(decl.Parent.NamedChildren()) == 1 {
		// const query = req.query; query.c => (declaration removed); req.nextUrl.searchParams.get("c") ?? undefined
		for _, r := range m.queryAliasReads(decl.ChildByField("name")) {
			m.rewriteQuery(r, enclosingStatement(r))
		}
		m.dropStatement(decl.Parent)
		return
	}
	f.Todo(stmt.Start, "%s.query is used as a whole: route handlers split it into params and %s.nextUrl.searchParams; rebuild the object this code needs", req, req)
}

// queryDeclarator is the declarator of `const query = req.query` when the
// request reference r is read there, else nil.
func queryDeclarator(m *migration, r *Node) *Node {
	mem, prop, ok := memberOf(m, r)
	if !ok || prop != "query" {
		return nil
	}
	if d := mem.Parent; d != nil && d.Kind == "variable_declarator" && mem.Field == "value" && d.ChildByField("name") != nil && d.ChildByField("name").Kind == "identifier" && d.ChildByField("type") == nil {
		return d // (const query: Q = req.query keeps its mark: Q would be left unused)
	}
	return nil
}

// queryDecls writes one declaration a key for a destructuring of the
// query (kw: const, let or var); ok is false when a key has no translation
// (marked at stmt).
//
//	const { id, q = "1" } = <query> => const { id } = await params; const q = req.nextUrl.searchParams.get("q") ?? "1"
func (m *migration) queryDecls(pat *Node, kw string, stmt *Node) (out []string, ok bool) {
	f, req := m.f, m.h.req
	var seg []string
	var search []string
	for _, p := range pat.NamedChildren() {
		key, local, def, ok := m.patternEntry(p)
		if !ok {
			f.Todo(stmt.Start, "destructuring %s.query with a rest or computed key: build it from params and %s.nextUrl.searchParams by hand", req, req)
			return nil, false
		}
		if m.isSegment(key) {
			seg = append(seg, m.text(p))
			continue
		}
		m.searchNote()
		m.markArrayTests(local, key, m.localArrayUse(local, m.h.fn))
		v := req + ".nextUrl.searchParams.get(" + strconv.Quote(key) + ")"
		if m.localArrayUse(local, m.h.fn) {
			if def != "" && strings.TrimSpace(def) != "[]" {
				f.Todo(stmt.Start, "%s is used as an array with the default %s: getAll(%q) gives [] when it is missing; choose the default by hand", local, def, key)
				return nil, false
			}
			m.dropArrayNormalizations(local, key, def == "")
			v, def = req+".nextUrl.searchParams.getAll("+strconv.Quote(key)+")", ""
		}
		if def != "" {
			v += " ?? " + def
		} else if !strings.HasSuffix(v, ".getAll("+strconv.Quote(key)+")") {
			v = m.undefinedIfMissing(v, nil)
		}
		search = append(search, kw+" "+local+" = "+v+m.semi())
	}
	if len(seg) > 0 {
		out = append(out, kw+" { "+strings.Join(seg, ", ")+" } = "+m.paramsValue(stmt.Start)+m.semi())
	}
	return append(out, search...), true
}

// patternEntry reads one entry of an object pattern: its key, the local
// name it binds, and its default value text.
func (m *migration) patternEntry(p *Node) (key, local, def string, ok bool) {
	switch p.Kind {
	case "shorthand_property_identifier_pattern":
		return m.text(p), m.text(p), "", true
	case "object_assignment_pattern":
		l := p.ChildByField("left")
		if l == nil || l.Kind != "shorthand_property_identifier_pattern" {
			return "", "", "", false
		}
		return m.text(l), m.text(l), m.operand(p.ChildByField("right")), true
	case "pair_pattern":
		k := p.ChildByField("key")
		v := p.ChildByField("value")
		key := m.text(k)
		if s, ok := stringValue(m.src, k); ok {
			key = s
		} else if k.Kind != "property_identifier" {
			return "", "", "", false
		}
		if v.Kind == "identifier" {
			return key, m.text(v), "", true
		}
		if v.Kind == "assignment_pattern" {
			l := v.ChildByField("left")
			if l != nil && l.Kind == "identifier" {
				return key, m.text(l), m.operand(v.ChildByField("right")), true
			}
		}
	}
	return "", "", "", false
}

// rewriteKeyed rewrites req.headers / req.cookies reads through get(key).
func (m *migration) rewriteKeyed(mem, stmt *Node, what string, get func(string) string) {
	f := m.f
	req := m.h.req
	if outer, key, ok := keyRead(m, mem); ok {
		if inAssignTarget(m, outer) {
			f.Todo(stmt.Start, "%s.%s is modified: NextRequest %s are read-only", req, what, what)
			return
		}
		if what == "headers" {
			key = m.headerKey(stmt, key)
		}
		v := get(key)
		if what == "headers" {
			v = m.undefinedIfMissing(v, outer)
		} else if readThrough(outer) {
			// req.cookies.t.trim() => (req.cookies.get("t")?.value)!.trim(): a missing cookie throws as it did, not ?. short-circuiting the call
			v = m.presentValue("(" + v + ")")
		}
		f.ReplaceNode(outer, v)
		return
	}
	decl := mem.Parent
	if decl != nil && decl.Kind == "variable_declarator" && mem.Field == "value" && len(decl.Parent.NamedChildren()) == 1 {
		if pat := decl.ChildByField("name"); pat != nil && pat.Kind == "object_pattern" {
			kw := m.text(decl.Parent.Children[0]) // const, let or var
			out, ok := m.keyedDecls(pat, kw, stmt, what, get)
			if !ok {
				return
			}
			sep := m.f.Style.EOL + codemod.IndentAt(m.src, decl.Parent.Start)
			m.replaceFolding(decl.Parent.Start, decl.Parent.End, func(cp func(*Node) string) string { return strings.Join(out, sep) })
			return
		}
	}
	f.Todo(stmt.Start, "%s.%s is used as a whole: it is now a Web %s object read with .get(name)", req, what, map[string]string{"headers": "Headers", "cookies": "RequestCookies"}[what])
}

// keyedDecls writes one declaration a key for a destructuring of
// req.headers or req.cookies (what); ok is false when a key has no
// translation (marked at stmt).
//
//	const { authorization } = <headers> => const authorization = req.headers.get("authorization") ?? undefined
func (m *migration) keyedDecls(pat *Node, kw string, stmt *Node, what string, get func(string) string) (out []string, ok bool) {
	req := m.h.req
	for _, p := range pat.NamedChildren() {
		key, local, def, ok := m.patternEntry(p)
		if !ok {
			m.f.Todo(stmt.Start, "destructuring %s.%s with a rest or computed key: read each value with %s.%s.get()", req, what, req, what)
			return nil, false
		}
		if what == "headers" {
			key = m.headerKey(stmt, key)
		}
		v := get(key)
		if def != "" {
			v += " ?? " + def
		} else if what == "headers" {
			v = m.undefinedIfMissing(v, nil)
		}
		out = append(out, kw+" "+local+" = "+v+m.semi())
	}
	return out, true
}

// keyRead matches X.key / X["key"] around mem and returns the outer node.
func keyRead(m *migration, mem *Node) (*Node, string, bool) {
	p := mem.Parent
	if p == nil || (p.Kind != "member_expression" && p.Kind != "subscript_expression") || mem.Field != "object" {
		return nil, "", false
	}
	_, key, ok := member(m.src, p)
	if !ok {
		return nil, "", false
	}
	if pp := p.Parent; pp != nil && pp.Kind == "call_expression" && p.Field == "function" {
		return nil, "", false // req.headers.get(...) already
	}
	return p, key, true
}

// isIdentName reports whether key can be written as .key and { key }.
func isIdentName(key string) bool {
	for i, r := range key {
		if !(r == '_' || r == '$' || unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r)) {
			return false
		}
	}
	return key != ""
}

// propAccess reads key from an object: .id, or ["ts-rest"] for a name a
// dot cannot take (a segment like [...ts-rest]).
func propAccess(key string) string {
	if isIdentName(key) {
		return "." + key
	}
	return "[" + strconv.Quote(key) + "]"
}

// propKey writes key as an object or type member name: id, or "ts-rest".
func propKey(key string) string {
	if isIdentName(key) {
		return key
	}
	return strconv.Quote(key)
}

// identName turns key into an identifier: ts-rest => tsRest.
func identName(key string) string {
	var sb strings.Builder
	up := false
	for _, r := range key {
		switch {
		case r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r) && sb.Len() > 0:
			if up {
				r = unicode.ToUpper(r)
			}
			sb.WriteRune(r)
			up = false
		default:
			up = sb.Len() > 0
		}
	}
	if sb.Len() == 0 {
		return "param"
	}
	return sb.String()
}

func (m *migration) isSegment(key string) bool {
	for _, s := range m.f.Segments {
		if s.Name == key {
			return true
		}
	}
	return false
}

// paramsValue is the expression giving the params object in a function.
func (m *migration) paramsValue(off int) string {
	m.needParams(off)
	if m.f.NextMajor >= 15 {
		m.needAsync(off)
		return "await " + m.paramsName()
	}
	return m.paramsName()
}

// paramsRead is paramsValue in a position that is then dereferenced.
func (m *migration) paramsRead(off int) string {
	v := m.paramsValue(off)
	if strings.HasPrefix(v, "await ") {
		return "(" + v + ")"
	}
	return v
}

func (m *migration) searchNote() {
	m.f.Note("search params: a repeated key now gives its first value, not an array; values the code uses as arrays are read with getAll, which gives [] when the key is missing (pages gave undefined)")
}

// rawReader rewrites a raw-body reader called with req, by what the reader
// gives (see rawBodyKind):
//
//	await buffer(req) / await getRawBody(req) (micro, raw-body, or a local Buffer.concat reader) => Buffer.from(await req.arrayBuffer())
//	await readBody(req) (a local reader appending chunks to a string)                         => await req.text()
//	await readBody(req) (a local reader giving Buffer.concat(chunks).toString("utf8"))         => Buffer.from(await req.arrayBuffer()).toString("utf8")
//	await getRawBody(req) imported from a module of the project => Buffer.from(await req.arrayBuffer()) and TODO(routemod): check it gave a Buffer
func (m *migration) rawReader(ref *Node) bool {
	args := ref.Parent
	if args == nil || args.Kind != "arguments" || len(args.NamedChildren()) != 1 {
		return false
	}
	call := args.Parent
	fn := call.ChildByField("function")
	if fn == nil || fn.Kind != "identifier" {
		return false
	}
	kind := m.rawBodyKind(m.text(fn))
	if kind == rawUnknown {
		return false
	}
	if m.afterSend(ref) {
		return false // it could run in after(), once the body is gone: marked
	}
	target := call
	if p := call.Parent; p != nil && p.Kind == "await_expression" {
		target = p
	}
	m.needAsync(call.Start)
	if kind == rawBuffer || kind == rawText || kind == rawUTF8 {
		if m.readerCalls == nil {
			m.readerCalls = map[string]map[*Node]bool{}
		}
		if m.readerCalls[m.text(fn)] == nil {
			m.readerCalls[m.text(fn)] = map[*Node]bool{}
		}
		m.readerCalls[m.text(fn)][fn] = true
	}
	if kind == rawText {
		m.f.ReplaceNode(target, "await "+m.h.req+".text()")
		return true
	}
	if kind == rawUTF8 {
		// Buffer's own decoding, not req.text(): that drops a leading byte order mark
		m.f.ReplaceNode(target, "Buffer.from(await "+m.h.req+".arrayBuffer()).toString(\"utf8\")")
		return true
	}
	if kind == rawMicro {
		m.f.Note("micro's buffer(req) capped the body at 1 MB (413 above it); req.arrayBuffer() has no limit: enforce one yourself if you relied on it")
	}
	if kind == rawAssumed {
		m.f.Todo(enclosingStatement(call).Start, "%s is imported from another module: routemod assumes it read the raw body into a Buffer; check it (a reader that gave a string is await %s.text())", m.text(fn), m.h.req)
	}
	m.f.ReplaceNode(target, "Buffer.from(await "+m.h.req+".arrayBuffer())")
	return true
}

// bodyParserOff reports `export const config = { api: { bodyParser: false } }`.
func (m *migration) bodyParserOff() bool {
	c := m.configObject()
	if c == nil {
		return false
	}
	return strings.Contains(strings.Join(strings.Fields(m.text(c)), ""), "bodyParser:false")
}

// afterSend reports whether n follows a statement that sends the response
// (res.json(x); ... n) in a block around it, within the handler: such code
// may be moved into after(), which runs once the response is sent.
//
//	res.status(202).json(x); await send(req.body.to) => body read at the top, not in after()
func (m *migration) afterSend(n *Node) bool {
	if m.h.res == "" {
		return false
	}
	for cur := n; cur != nil && cur != m.h.fn; cur = cur.Parent {
		for prev := prevStatement(cur); prev != nil; prev = prevStatement(prev) {
			if prev.Kind == "expression_statement" && exits(m.src, prev, m.h.res) {
				return true
			}
		}
	}
	return false
}

func isAssigned(n *Node) bool {
	p := n.Parent
	return p != nil && (p.Kind == "assignment_expression" || p.Kind == "augmented_assignment_expression") && n.Field == "left" || p != nil && p.Kind == "update_expression"
}

// inAssignTarget reports whether n heads the target of an assignment,
// update or delete: n = v, n.a.b = v, n[k]++, delete n.a.
func inAssignTarget(m *migration, n *Node) bool {
	for {
		if isAssigned(n) || isDeleted(m, n) {
			return true
		}
		p := n.Parent
		if p == nil || (p.Kind != "member_expression" && p.Kind != "subscript_expression") || n.Field != "object" {
			return false
		}
		n = p
	}
}

// isDeleted reports `delete n`.
func isDeleted(m *migration, n *Node) bool {
	p := n.Parent
	return p != nil && p.Kind == "unary_expression" && m.text(p.ChildByField("operator")) == "delete"
}

func inLoop(n, stop *Node) bool {
	for p := n.Parent; p != nil && p != stop; p = p.Parent {
		switch p.Kind {
		case "for_statement", "for_in_statement", "while_statement", "do_statement":
			return true
		}
	}
	return false
}

// operand returns the text of n, parenthesized unless it is a primary
// expression, so it can stand as the right operand of ??.
//
//	{ a = b || c } => get("a") ?? (b || c)   (?? and || cannot mix unparenthesized)
func (m *migration) operand(n *Node) string {
	switch n.Kind {
	case "identifier", "string", "number", "template_string", "member_expression", "call_expression",
		"subscript_expression", "array", "object", "true", "false", "null", "undefined", "parenthesized_expression", "new_expression":
		return m.text(n)
	}
	return "(" + m.text(n) + ")"
}

// headerKey lower-cases a header name. Node lower-cases the keys of
// req.headers, so a read with capitals was always undefined in pages: the
// translation reads the header, and says so.
//
//	req.headers["X-Api-Key"] => TODO + req.headers.get("x-api-key")
func (m *migration) headerKey(stmt *Node, key string) string {
	low := strings.ToLower(key)
	if low != key {
		m.f.Todo(stmt.Start, "pages read %s.headers[%q], which is always undefined (Node lower-cases header names); this now reads the %s header: check that is what you want", m.h.req, key, low)
	}
	return low
}

// standsAlone reports whether n sits where any expression fits without
// parentheses: an argument, an initializer, a property value, a return.
func standsAlone(n *Node) bool {
	p := n.Parent
	if p == nil {
		return false
	}
	switch p.Kind {
	case "arguments", "variable_declarator", "template_substitution", "pair", "return_statement", "array", "parenthesized_expression", "spread_element":
		return true
	case "assignment_expression":
		return n.Field == "right"
	}
	return false
}

// awaitExpr parenthesizes an await expression replacing n unless it stands alone.
//
//	f(req.body) => f(await req.json());  req.body.x => (await req.json()).x
func awaitExpr(n *Node, text string) string {
	if p := n.Parent; standsAlone(n) || p != nil && (p.Kind == "binary_expression" && !strings.Contains(text, "**")) {
		return text
	}
	return "(" + text + ")"
}

// isJSONParseArg reports JSON.parse(req.body).
func isJSONParseArg(m *migration, mem *Node) bool {
	args := mem.Parent
	if args == nil || args.Kind != "arguments" || args.Parent == nil {
		return false
	}
	return m.text(args.Parent.ChildByField("function")) == "JSON.parse" && callArgs(args.Parent)[0] == mem
}

// servesBodyless reports whether code at off is copied into a function
// exported for GET or HEAD, whose requests carry no body.
func (m *migration) servesBodyless(off int) bool {
	for _, fn := range m.scopesAt(off) {
		for _, meth := range fn.methods {
			if meth == "GET" || meth == "HEAD" {
				return true
			}
		}
	}
	return false
}

// arrayKeys lists the query keys some read of which, in the current
// handler or helper, treats as an array: every read of them uses getAll.
func (m *migration) arrayKeys() map[string]bool {
	if keys, ok := m.arrayKeysOf[m.h]; ok {
		return keys
	}
	keys := map[string]bool{}
	if m.arrayKeysOf == nil {
		m.arrayKeysOf = map[*handler]map[string]bool{}
	}
	m.arrayKeysOf[m.h] = keys
	m.h.fn.Walk(func(n *Node) bool {
		if n.Kind == "member_expression" || n.Kind == "subscript_expression" {
			obj, key, ok := member(m.src, n)
			if ok && obj != nil && (obj.Kind == "member_expression") {
				o2, prop, _ := member(m.src, obj)
				if prop == "query" && isIdent(m.src, o2, m.h.req) && m.arrayUse(n) {
					keys[key] = true
				}
			}
			if ok && obj != nil && m.isQueryAlias(obj) && m.arrayUse(n) {
				keys[key] = true // const { query } = req; query.tags.map(...)
			}
		}
		return true
	})
	return keys
}

// arrayMethods are methods arrays have and strings do not.
var arrayMethods = map[string]bool{"map": true, "forEach": true, "filter": true, "join": true, "some": true, "every": true,
	"reduce": true, "flatMap": true, "find": true, "findIndex": true, "flat": true, "sort": true, "reverse": true}

// arrayUse reports whether the value of n is treated as an array:
// Array.isArray(n), n as string[], n.map(...), n.join(...), ...
func (m *migration) arrayUse(n *Node) bool {
	n, p := outerParens(n)
	if p == nil {
		return false
	}
	if p.Kind == "binary_expression" && n.Field == "left" {
		// (x || []).map(...), [].concat(x ?? []): the value x is, on its left
		op := m.text(p.ChildByField("operator"))
		if r := codemod.Unparen(p.ChildByField("right")); (op == "||" || op == "??") && r != nil && r.Kind == "array" {
			if n, p = outerParens(p); p == nil {
				return false
			}
		}
	}
	switch p.Kind {
	case "as_expression", "satisfies_expression":
		t := strings.ReplaceAll(m.text(p)[n.End-p.Start:], " ", "")
		return strings.Contains(t, "[]") || strings.Contains(t, "Array<")
	case "arguments":
		// Array.isArray(x) ? x : [x] reads x as an array; a bare
		// Array.isArray(x) test is rewritten on its own (rewriteArrayTest)
		call := p.Parent
		if call == nil {
			return false
		}
		if m.text(call.ChildByField("function")) == "Array.isArray" {
			return m.arrayNormalization(n, func(x *Node) bool { return m.text(x) == m.text(n) }) != nil
		}
		// [].concat(x) / ([] as string[]).concat(x) spreads an array x into
		// the new one: every value of a repeated key
		return m.concatOntoArray(call)
	case "member_expression":
		_, prop, _ := member(m.src, p)
		return n.Field == "object" && arrayMethods[prop]
	}
	return false
}

// concatOntoArray reports whether call is arr.concat(...) on an array
// literal, parentheses and type assertions aside: [].concat(x), ([] as T[]).concat(x).
func (m *migration) concatOntoArray(call *Node) bool {
	fn := call.ChildByField("function")
	if fn == nil || fn.Kind != "member_expression" {
		return false
	}
	obj, prop, _ := member(m.src, fn)
	for obj != nil && (obj.Kind == "parenthesized_expression" || obj.Kind == "as_expression" || obj.Kind == "satisfies_expression") {
		if obj.Kind == "parenthesized_expression" {
			obj = codemod.Unparen(obj)
		} else {
			obj = obj.NamedChildren()[0]
		}
	}
	return prop == "concat" && obj != nil && obj.Kind == "array"
}

// localArrayUse reports whether a local name is used as an array in scope.
func (m *migration) localArrayUse(name string, scope *Node) bool {
	found := false
	scope.Walk(func(n *Node) bool {
		if !found && n.Kind == "identifier" && m.text(n) == name && m.arrayUse(n) {
			found = true
		}
		return !found
	})
	return found
}

// undefinedIfMissing turns a Web API read that gives null for a missing
// value back into pages' undefined, unless the place it is read cannot
// tell the two apart:
//
//	Number(req.query.n)   => Number(req.nextUrl.searchParams.get("n") ?? undefined)   (NaN, not 0)
//	if (!req.query.n)     => if (!req.nextUrl.searchParams.get("n"))
func (m *migration) undefinedIfMissing(expr string, at *Node) string {
	if at != nil && (readThrough(at) || m.typeofGuarded(at)) {
		return m.presentValue(expr)
	}
	if at != nil && nullInsensitive(m, at) {
		return expr
	}
	if at != nil {
		switch p := at.Parent; p.Kind {
		case "arguments", "variable_declarator", "pair", "array", "return_statement", "template_substitution", "expression_statement", "parenthesized_expression":
		case "assignment_expression":
			if at.Field != "right" {
				return "(" + expr + " ?? undefined)"
			}
		default:
			// req.query.id as string => (... ?? undefined) as string: ?? binds loosely
			return "(" + expr + " ?? undefined)"
		}
	}
	return expr + " ?? undefined"
}

// readThrough reports whether n, parentheses aside, is the object of a plain
// member access (n.x, n.x(), not n?.x or n[x]): there pages' undefined and
// the Web API's null both throw the same TypeError, and pages' code
// type-checked only where a guard had narrowed the value to a string.
func readThrough(n *Node) bool {
	n, p := outerParens(n)
	return p != nil && p.Kind == "member_expression" && n.Field == "object" && !optionalChain(p)
}

// typeofGuarded reports whether n, parentheses aside, is the branch a
// typeof test of the same read made a string: there the Web API read is
// not null either, but a second get() call does not carry the narrowing:
//
//	typeof req.query.r === "string" ? req.query.r : "/" => typeof (...get("r") ?? undefined) === "string" ? ...get("r")! : "/"
func (m *migration) typeofGuarded(n *Node) bool {
	n, p := outerParens(n)
	if p == nil || p.Kind != "ternary_expression" || n.Field != "consequence" {
		return false
	}
	test := codemod.Unparen(p.ChildByField("condition"))
	if test == nil || test.Kind != "binary_expression" {
		return false
	}
	if op := m.text(test.ChildByField("operator")); op != "===" && op != "==" {
		return false
	}
	l, r := codemod.Unparen(test.ChildByField("left")), codemod.Unparen(test.ChildByField("right"))
	if l != nil && l.Kind == "string" {
		l, r = r, l
	}
	if l == nil || r == nil || l.Kind != "unary_expression" || m.text(l.ChildByField("operator")) != "typeof" {
		return false
	}
	if t := m.text(r); t != `"string"` && t != `'string'` {
		return false
	}
	arg := codemod.Unparen(l.ChildByField("argument"))
	return arg != nil && m.text(arg) == m.text(codemod.Unparen(n))
}

// optionalChain reports whether the member access p is written x?.y.
func optionalChain(p *Node) bool {
	for _, c := range p.Children {
		if c.Kind == "optional_chain" {
			return true
		}
	}
	return false
}

// presentValue restates for the type checker the narrowing a guard gave a
// string read in pages (if (!req.query.d) return ...; req.query.d.trim()),
// which a second get() call does not carry; at run time it is the read
// itself (a missing value throws where it threw before):
//
//	req.query.d.toLowerCase() => req.nextUrl.searchParams.get("d")!.toLowerCase()                    (.ts)
//	req.query.d.toLowerCase() => (/** @type {string} */ (req.nextUrl.searchParams.get("d"))).toLowerCase() (.js, req typed by JSDoc)
//	req.query.d.toLowerCase() => req.nextUrl.searchParams.get("d").toLowerCase()                     (.js, req untyped)
func (m *migration) presentValue(expr string) string {
	if m.f.TypeScript {
		return expr + "!"
	}
	if m.reqTypedByJSDoc() {
		if !strings.HasPrefix(expr, "(") {
			expr = "(" + expr + ")"
		}
		return "(/** @type {string} */ " + expr + ")"
	}
	return expr
}

// missingElement is the undefined a missing key gave [].concat(req.query.t)
// in pages, typed as pages' code had it typed: in strict code that compiled,
// the key was narrowed present before (the branch never runs) or the array
// takes undefined; never fits both, where undefined[] would not fit a string[].
//
//	undefined => undefined as never                  (.ts)
//	undefined => /** @type {never} */ (undefined)    (.js, req typed by JSDoc)
func (m *migration) missingElement() string {
	if m.f.TypeScript {
		return "undefined as never"
	}
	if m.reqTypedByJSDoc() {
		return "/** @type {never} */ (undefined)"
	}
	return "undefined"
}

// nullInsensitive reports whether null and undefined behave the same where
// n is read: negated, tested, defaulted, or compared loosely with null.
func nullInsensitive(m *migration, n *Node) bool {
	n, p := outerParens(n)
	if p == nil {
		return false
	}
	switch p.Kind {
	case "unary_expression":
		return m.text(p.ChildByField("operator")) == "!"
	case "if_statement", "while_statement", "do_statement":
		return n.Field == "condition"
	case "ternary_expression":
		return n.Field == "condition"
	case "member_expression":
		// req.query.q?.trim(): undefined either way
		return n.Field == "object" && optionalChain(p)
	case "binary_expression":
		op := m.text(p.ChildByField("operator"))
		switch op {
		case "??", "||":
			return n.Field == "left"
		case "==", "!=":
			other := p.ChildByField("right")
			if n.Field == "right" {
				other = p.ChildByField("left")
			}
			t := m.text(other)
			return t == "null" || t == "undefined"
		case "&&":
			return n.Field == "left" && nullInsensitive(m, p)
		}
	}
	return false
}

// arrayNormalization returns the `Array.isArray(x) ? x : [x]` around the
// read n, where same tells the three x apart, or nil.
func (m *migration) arrayNormalization(n *Node, same func(*Node) bool) *Node {
	args := n.Parent
	if args == nil || args.Kind != "arguments" || args.Parent == nil || m.text(args.Parent.ChildByField("function")) != "Array.isArray" {
		return nil
	}
	cond := args.Parent
	t := cond.Parent
	for t != nil && t.Kind == "parenthesized_expression" {
		cond, t = t, t.Parent
	}
	if t == nil || t.Kind != "ternary_expression" || cond.Field != "condition" {
		return nil
	}
	cons := codemod.Unparen(t.ChildByField("consequence"))
	alt := codemod.Unparen(t.ChildByField("alternative"))
	if cons == nil || alt == nil || !same(cons) || alt.Kind != "array" {
		return nil
	}
	var els []*Node
	for _, e := range alt.NamedChildren() {
		if e.Kind != "comment" {
			els = append(els, e)
		}
	}
	if len(els) != 1 || !same(els[0]) {
		return nil
	}
	return t
}

// markArrayTest rewrites or marks Array.isArray(x) on a query value x
// outside the `Array.isArray(x) ? x : [x]` normalization: pages gave an
// array only for a repeated key, but searchParams.get gives a string
// (always false) and getAll an array (always true). A guard whose branch
// does not read x, on a value read with get, asks getAll how many there are:
//
//	if (Array.isArray(req.query.d)) return res.status(400)... => if (req.nextUrl.searchParams.getAll("d").length > 1) return Response.json(..., { status: 400 })
//	const { id } = req.query; if (Array.isArray(id)) return 400 => the same
//	if (Array.isArray(id)) { use(id[0]) } / a value read as an array => TODO(routemod) above it
//
// It reports whether it replaced the test (which holds n).
func (m *migration) markArrayTest(n *Node, key string, asArray bool, local string) bool {
	args := n.Parent
	if args == nil || args.Kind != "arguments" || args.Parent == nil || m.text(args.Parent.ChildByField("function")) != "Array.isArray" {
		return false
	}
	if m.arrayNormalization(n, func(x *Node) bool { return m.text(x) == m.text(n) }) != nil {
		return false // rewritten to getAll, which gives the array pages normalised to
	}
	call := args.Parent
	if !asArray && !m.isSegment(key) && m.guardNotReading(call, key, local) {
		text := m.h.req + ".nextUrl.searchParams.getAll(" + strconv.Quote(key) + ").length > 1"
		if p := call.Parent; p == nil || p.Kind != "parenthesized_expression" && p.Kind != "arguments" && !(p.Kind == "binary_expression" && (m.text(p.ChildByField("operator")) == "||" || m.text(p.ChildByField("operator")) == "&&")) {
			text = "(" + text + ")"
		}
		m.f.ReplaceNode(call, text)
		return true
	}
	m.f.Todo(enclosingStatement(n).Start, "Array.isArray of ?%s: pages gave an array only when the key was repeated; it is now read with searchParams.get (a string: always false) or getAll (an array: always true), so this test no longer tells: use %s.nextUrl.searchParams.getAll(%q).length > 1", key, m.h.req, key)
	return false
}

// guardNotReading reports whether the test call is the condition of an if
// (alone, or in a chain of ||) whose consequence does not read ?key (or
// local, when the value was read into one that is never assigned).
func (m *migration) guardNotReading(call *Node, key, local string) bool {
	c, p := outerParens(call)
	for p != nil && p.Kind == "binary_expression" && m.text(p.ChildByField("operator")) == "||" {
		c, p = outerParens(p)
	}
	if p == nil || p.Kind != "if_statement" || c.Field != "condition" {
		return false
	}
	reads := false
	check := func(n *Node) bool {
		if reads {
			return false
		}
		switch {
		case local != "" && n.Kind == "identifier" && m.text(n) == local:
			reads = true
		case local == "" && (n.Kind == "member_expression" || n.Kind == "subscript_expression"):
			if _, k, ok := keyRead(m, n); ok && k == key {
				reads = true
			}
		}
		return !reads
	}
	p.ChildByField("consequence").Walk(check)
	if local != "" {
		m.h.fn.Walk(func(n *Node) bool {
			if n.Kind == "identifier" && m.text(n) == local && !m.isShadowed(n, local) && isAssigned(n) {
				reads = true
			}
			return !reads
		})
	}
	return !reads
}

// markArrayTests runs markArrayTest on every read of a local holding ?key.
func (m *migration) markArrayTests(local, key string, asArray bool) {
	m.h.fn.Walk(func(n *Node) bool {
		if n.Kind == "identifier" && m.text(n) == local && !m.isShadowed(n, local) {
			m.markArrayTest(n, key, asArray, local)
		}
		return true
	})
}

// declaredLocal returns the name a read initialises: `const id = <n>` (or
// `<n> as string`), else "".
func declaredLocal(m *migration, n *Node) string {
	p := n.Parent
	for p != nil && (p.Kind == "parenthesized_expression" || p.Kind == "as_expression" || p.Kind == "satisfies_expression" || p.Kind == "non_null_expression") {
		n, p = p, p.Parent
	}
	if p == nil || p.Kind != "variable_declarator" || n.Field != "value" {
		return ""
	}
	if name := p.ChildByField("name"); name != nil && name.Kind == "identifier" {
		return m.text(name)
	}
	return ""
}

// dropArrayNormalizations rewrites `Array.isArray(v) ? v : [v]` for a
// local that now always holds an array (read with getAll from ?key). Where
// the key is missing pages gave v undefined, so the normalisation gave
// [undefined] (one entry), unless a default (absent: [] only) filled it in:
//
//	const { t } = req.query; Array.isArray(t) ? t : [t] => searchParams.has("t") ? t : [undefined]
//	const { t = [] } = req.query; Array.isArray(t) ? t : [t] => t
func (m *migration) dropArrayNormalizations(local, key string, missingIsUndefined bool) {
	same := func(n *Node) bool { return n.Kind == "identifier" && m.text(n) == local }
	m.h.fn.Walk(func(n *Node) bool {
		if same(n) && !m.isShadowed(n, local) {
			if t := m.arrayNormalization(n, same); t != nil && !m.rewritten(t.Start) {
				if missingIsUndefined {
					m.f.ReplaceNode(t, m.keyHasOr(key, local))
				} else {
					m.f.ReplaceNode(t, local)
				}
			}
		}
		return true
	})
}

// truthTest reports whether the value of the query read n is only tested
// for truth: the condition of a ?: or an if, or the operand of !. Pages'
// value (undefined when missing, a string when once, an array when
// repeated) is truthy exactly when getAll(key).join() is not "": [] and
// [""] are falsy, two values or more always truthy.
func (m *migration) truthTest(n *Node) bool {
	n, p := outerParens(n)
	if p == nil {
		return false
	}
	switch p.Kind {
	case "ternary_expression", "if_statement", "while_statement":
		return n.Field == "condition"
	case "unary_expression":
		return m.text(p.ChildByField("operator")) == "!"
	}
	return false
}

// concatArg reports whether the query read n is itself the argument of
// [].concat(...), where pages' undefined for a missing key gave [undefined].
func (m *migration) concatArg(n *Node) bool {
	n, p := outerParens(n)
	return p != nil && p.Kind == "arguments" && p.Parent != nil && m.concatOntoArray(p.Parent)
}

// guardedByTest reports whether n sits in the consequence of a ?: whose
// condition is the same read: req.query.t ? [].concat(req.query.t) : [],
// where the key is never missing.
func (m *migration) guardedByTest(n *Node) bool {
	for c := n; c.Parent != nil; c = c.Parent {
		p := c.Parent
		if p.Kind == "ternary_expression" && c.Field == "consequence" {
			if cond := codemod.Unparen(p.ChildByField("condition")); cond != nil && m.text(cond) == m.text(n) {
				return true
			}
		}
	}
	return false
}

// keyHasOr is all when ?key is present and [undefined] when it is missing:
// what `Array.isArray(x) ? x : [x]` gave in pages, where a missing key read
// undefined and getAll now gives [].
//
//	getAll("t") => req.nextUrl.searchParams.has("t") ? req.nextUrl.searchParams.getAll("t") : [undefined]
func (m *migration) keyHasOr(key, all string) string {
	return m.h.req + ".nextUrl.searchParams.has(" + strconv.Quote(key) + ") ? " + all + " : [undefined]"
}

// edgeRuntime reports `export const config = { runtime: "edge" }` (or
// "experimental-edge"): the pages route ran on the edge with a Web Request.
func (m *migration) edgeRuntime() bool {
	c := m.configObject()
	if c == nil {
		return false
	}
	for _, p := range c.NamedChildren() {
		if p.Kind != "pair" {
			continue
		}
		k := m.text(p.ChildByField("key"))
		if s, ok := stringValue(m.src, p.ChildByField("key")); ok {
			k = s
		}
		if v, ok := stringValue(m.src, p.ChildByField("value")); ok && k == "runtime" && (v == "edge" || v == "experimental-edge") {
			return true
		}
	}
	return false
}

// outerParens climbs out of the parentheses around n and returns the
// outermost parenthesized node and its parent.
func outerParens(n *Node) (*Node, *Node) {
	p := n.Parent
	for p != nil && p.Kind == "parenthesized_expression" {
		n, p = p, p.Parent
	}
	return n, p
}
