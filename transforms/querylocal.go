package transforms

import (
	"strings"
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
