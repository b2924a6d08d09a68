package transforms

import (
	"strconv"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// A handler that uses req.query as a whole (spreads it, iterates it, sends
// it, hands it on) gets the object pages gave it, rebuilt once at the top
// of each function that reads it, the way Next.js 16 builds it for a pages
// API route: each search key once, in the order it first appears, its
// value a string, or an array when the key repeats; then the route's path
// params over them. Every read of req.query in that handler reads the
// local, so what one use changes the others see, as in pages:
//
//	res.json({ query: req.query }) => const query = {}; for (const key of req.nextUrl.searchParams.keys()) {...}; Object.assign(query, await params);
//	                                  return Response.json({ query })
//	(req.query.path as string[])   => (query.path as string[])   (in a handler that also reads it whole)
//
// Object.fromEntries(req.nextUrl.searchParams) would keep only the last
// value of a repeated key, and no path param. A route with an optional
// catch-all segment ([[...slug]]) keeps the TODO: pages left its key out
// when the path had none.

// queryLocal returns the name of the rebuilt query the read mem of
// req.query reads, "" when the handler reads req.query only by key (or
// the local cannot be written here): then the key rules apply.
func (m *migration) queryLocal(mem *Node) string {
	h := m.h
	if h.helper || h.ctx != "" || m.edgeRuntime() {
		return ""
	}
	for _, s := range m.f.Segments {
		if s.Optional {
			return ""
		}
	}
	if m.wholeQuery == nil {
		m.wholeQuery = map[*handler]bool{}
	}
	whole, asked := m.wholeQuery[h]
	if !asked {
		references(m.src, h.fn, h.req, func(r *Node) {
			if q, prop, ok := memberOf(m, r); ok && prop == "query" && m.queryUsedWhole(q) {
				whole = true
			}
		})
		m.wholeQuery[h] = whole
	}
	if !whole {
		return ""
	}
	m.f.Note("req.query is used as a whole: it is rebuilt as Next.js built it for pages (each search key once, in the order it first appears, an array when it repeats%s); pages also dropped the keys Next.js reserves (nxtP..., nxtI..., nextInternalLocale), which the rebuilt object keeps", map[bool]string{true: ", the path params over them", false: ""}[len(m.f.Segments) > 0])
	name := m.name("query:whole", "query", "searchQuery", "requestQuery")
	m.needPrologue(mem.Start, "query:whole", m.queryRebuild(name, mem.Start))
	return name
}

// queryUsedWhole reports whether the read mem of req.query is not one the
// key rules translate: a key read (req.query.id), a destructuring by keys
// (const { id } = req.query) or a local that is only read by key.
func (m *migration) queryUsedWhole(mem *Node) bool {
	for p := mem.Parent; p != nil && (p.Kind == "as_expression" || p.Kind == "satisfies_expression" || p.Kind == "non_null_expression" || p.Kind == "parenthesized_expression") && mem.Field != "type"; p = mem.Parent {
		mem = p
	}
	if isAssigned(mem) {
		return false // req.query = x: marked
	}
	if _, _, ok := keyRead(m, mem); ok {
		return false
	}
	if decl := mem.Parent; decl != nil && decl.Kind == "variable_declarator" && mem.Field == "value" && len(decl.Parent.NamedChildren()) == 1 {
		pat := decl.ChildByField("name")
		if pat != nil && pat.Kind == "object_pattern" {
			for _, e := range pat.NamedChildren() {
				if _, _, _, ok := m.patternEntry(e); !ok {
					return true // const { id, ...rest } = req.query
				}
			}
			return false
		}
		if m.isQueryAlias(pat) {
			return false
		}
	}
	return true
}

// queryRebuild writes the declaration of the rebuilt query name, for the
// function that holds off.
//
//	const query: Partial<Record<string, string | string[]>> = {};
//	for (const key of req.nextUrl.searchParams.keys()) {
//	  const values = req.nextUrl.searchParams.getAll(key);
//	  query[key] = values.length > 1 ? values : values[0];
//	}
//	Object.assign(query, await params);
func (m *migration) queryRebuild(name string, off int) string {
	req, semi := m.h.req, m.semi()
	eol, ind := m.f.Style.EOL, m.f.Style.Indent
	at := eol + m.h.indent + ind // the function body's indentation
	values := m.name("query:values", "values", "queryValues")
	key := m.name("query:key", "key", "queryKey")
	typ := "Partial<Record<string, string | string[]>>"
	decl := "const " + name + " = {}" + semi
	switch {
	case m.f.TypeScript:
		decl = "const " + name + ": " + typ + " = {}" + semi
	case m.reqTypedByJSDoc():
		decl = "/** @type {" + typ + "} */" + at + decl
	default:
		// an untyped req.query was any to checkJs: so are its values here
		decl = "/** @type {Record<string, any>} */" + at + decl
	}
	lines := []string{
		decl,
		"for (const " + key + " of " + req + ".nextUrl.searchParams.keys()) {",
		ind + "const " + values + " = " + req + ".nextUrl.searchParams.getAll(" + key + ")" + semi,
		ind + name + "[" + key + "] = " + values + ".length > 1 ? " + values + " : " + values + "[0]" + semi,
		"}",
	}
	if len(m.f.Segments) > 0 {
		lines = append(lines, "Object.assign("+name+", "+m.paramsValue(off)+")"+semi)
	}
	return strings.Join(lines, at)
}

// untoldArrayTest reports whether the local that a read of ?key
// initialises is tested with Array.isArray where markArrayTest would mark
// the test (it can neither drop nor restate it).
func (m *migration) untoldArrayTest(local, key string, asArray bool) bool {
	if m.isSegment(key) {
		return false
	}
	untold := false
	m.h.fn.Walk(func(n *Node) bool {
		if untold || n.Kind != "identifier" || m.text(n) != local || m.isShadowed(n, local) {
			return !untold
		}
		args := n.Parent
		if args == nil || args.Kind != "arguments" || args.Parent == nil || m.text(args.Parent.ChildByField("function")) != "Array.isArray" {
			return true
		}
		if m.arrayNormalization(n, func(x *Node) bool { return m.text(x) == m.text(n) }) != nil {
			return true
		}
		untold = asArray || !m.guardNotReading(args.Parent, key, local)
		return !untold
	})
	return untold
}

// declarePagesValue declares the local a read of ?key initialises with
// the value pages gave it, where the code tells a repeated key from a
// single one (Array.isArray) in a way get() or getAll() alone cannot
// answer: the values, then one of them or the array:
//
//	const status = req.query.status; Array.isArray(status) ? status : status ? [status] : ALL
//	=> const statusValues = req.nextUrl.searchParams.getAll("status");
//	   const status = statusValues.length > 1 ? statusValues : statusValues[0];
//
// It reports false (the caller marks the test) when the declaration is not
// one statement of its own.
func (m *migration) declarePagesValue(read *Node, key string) bool {
	decl := read.Parent
	for decl != nil && decl.Kind != "variable_declarator" {
		decl = decl.Parent
	}
	if decl == nil || decl.Parent == nil || len(decl.Parent.NamedChildren()) != 1 {
		return false
	}
	stmt := decl.Parent
	if p := stmt.Parent; p == nil || p.Kind != "statement_block" && p.Kind != "program" {
		return false
	}
	local := m.text(decl.ChildByField("name"))
	values := m.name("values:"+key, identName(local)+"Values", identName(key)+"Values")
	first := values + "[0]"
	if m.f.TypeScript {
		first += " as string | undefined" // pages: undefined when the key is missing
	}
	value := values + ".length > 1 ? " + values + " : " + first
	if p := read.Parent; p != decl {
		value = "(" + value + ")"
	}
	m.f.Insert(stmt.Start, "const "+values+" = "+m.h.req+".nextUrl.searchParams.getAll("+strconv.Quote(key)+")"+m.semi()+m.f.Style.EOL+codemod.IndentAt(m.src, stmt.Start))
	m.f.ReplaceNode(read, value)
	m.f.Note("?%s is read as pages gave it (a string, or an array when the key repeats), as the code tells the two apart", key)
	return true
}
