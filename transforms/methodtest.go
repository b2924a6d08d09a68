package transforms

import (
	"regexp"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// methodTest reads a condition on the request method as "the method is in
// set" (neg false) or "is not in set" (neg true).
//
//	req.method === "GET" / "GET" == req.method       => {GET}
//	req.method !== "POST"                            => not {POST}
//	!["GET", "POST"].includes(req.method)            => not {GET, POST}
//	req.method !== "GET" && req.method !== "HEAD"    => not {GET, HEAD}
//	req.method === "PUT" || req.method === "PATCH"   => {PUT, PATCH}
//	req.method?.toUpperCase() === "GET"              => {GET}
func (m *migration) methodTest(n *Node) (set []string, neg bool, ok bool) {
	n = codemod.Unparen(n)
	if n == nil {
		return nil, false, false
	}
	switch n.Kind {
	case "unary_expression":
		if op := n.ChildByField("operator"); op != nil && m.text(op) == "!" {
			s, ng, ok := m.methodTest(n.ChildByField("argument"))
			return s, !ng, ok
		}
	case "binary_expression":
		op := m.text(n.ChildByField("operator"))
		l, r := n.ChildByField("left"), n.ChildByField("right")
		switch op {
		case "===", "==", "!==", "!=":
			ref, lit := l, r
			if _, isLit := m.methodLiteral(l); isLit {
				ref, lit = r, l
			}
			fold, isRef := m.methodRef(ref)
			v, isStr := m.methodLiteral(lit)
			if !isRef || !isStr {
				return nil, false, false
			}
			if fold {
				v = m.foldLiteral(ref, v)
			}
			if !isHTTPMethod(v) {
				return nil, false, false
			}
			return []string{v}, op == "!==" || op == "!=", true
		case "&&", "||":
			ls, ln, lok := m.methodTest(l)
			rs, rn, rok := m.methodTest(r)
			if !lok || !rok || ln != rn {
				return nil, false, false
			}
			// not A && not B => not {A,B};  A || B => {A,B}
			if (op == "&&") != ln {
				return nil, false, false
			}
			return append(ls, rs...), ln, true
		}
	case "call_expression":
		obj, prop, isMember := member(m.src, n.ChildByField("function"))
		args := callArgs(n)
		if !isMember || prop != "includes" || len(args) != 1 {
			return nil, false, false
		}
		fold, isRef := m.methodRef(args[0])
		obj = codemod.Unparen(obj)
		if !isRef || obj == nil || obj.Kind != "array" {
			return nil, false, false
		}
		for _, el := range obj.NamedChildren() {
			if el.Kind == "comment" {
				continue
			}
			v, isStr := m.methodLiteral(el)
			if fold {
				v = m.foldLiteral(args[0], v)
			}
			if !isStr || !isHTTPMethod(v) {
				return nil, false, false
			}
			set = append(set, v)
		}
		return set, false, len(set) > 0
	}
	return nil, false, false
}

// isMethodRef reports whether n reads the request method.
func (m *migration) isMethodRef(n *Node) bool {
	_, ok := m.methodRef(n)
	return ok
}

// methodRef reports whether n is req.method (or an alias of it), and
// whether its case was folded with toUpperCase/toLowerCase.
func (m *migration) methodRef(n *Node) (fold, ok bool) {
	n = codemod.Unparen(n)
	for n != nil && (n.Kind == "as_expression" || n.Kind == "non_null_expression" || n.Kind == "satisfies_expression") {
		n = codemod.Unparen(n.NamedChildren()[0])
	}
	if n == nil {
		return false, false
	}
	switch n.Kind {
	case "member_expression":
		obj, prop, _ := member(m.src, n)
		return false, prop == "method" && isIdent(m.src, obj, m.h.req)
	case "identifier":
		return false, m.aliases[m.text(n)]
	case "binary_expression":
		// switch (req.method || "GET") — a request always has a method
		op := m.text(n.ChildByField("operator"))
		if _, isStr := stringValue(m.src, n.ChildByField("right")); isStr && (op == "||" || op == "??") {
			return m.methodRef(n.ChildByField("left"))
		}
	case "call_expression":
		obj, prop, isMember := member(m.src, n.ChildByField("function"))
		if isMember && (prop == "toUpperCase" || prop == "toLowerCase") && len(callArgs(n)) == 0 {
			_, ok := m.methodRef(obj)
			return true, ok
		}
	}
	return false, false
}

// normMethod upper-cases a literal compared in a switch on a folded method.
func (m *migration) normMethod(v string) string {
	if m.switchFold {
		return m.foldLiteral(m.switchValue, v)
	}
	return v
}

// foldLiteral returns the method a literal compared with the case-folded
// method ref names: the request method is always upper case, so
// req.method.toLowerCase() equals "get" for GET, but
// req.method.toUpperCase() never equals "get" ("": no method).
//
//	req.method.toLowerCase() === "get" => GET
//	req.method.toUpperCase() === "get" => "" (never true: not split)
func (m *migration) foldLiteral(ref *Node, v string) string {
	for ref != nil {
		ref = codemod.Unparen(ref)
		switch ref.Kind {
		case "as_expression", "non_null_expression", "satisfies_expression":
			ref = ref.NamedChildren()[0]
			continue
		case "binary_expression":
			ref = ref.ChildByField("left") // (req.method || "GET").toUpperCase()
			continue
		case "call_expression":
			switch _, prop, _ := member(m.src, ref.ChildByField("function")); prop {
			case "toUpperCase":
				if v != strings.ToUpper(v) {
					return ""
				}
			case "toLowerCase":
				if v != strings.ToLower(v) {
					return ""
				}
			}
		}
		break
	}
	return strings.ToUpper(v)
}

// methodAliases finds `const { method } = req`, `const method =
// req.method` and `const method = req.method || "GET"` among the
// statements before any dispatch.
func (m *migration) methodAliases(stmts []*Node) map[string]bool {
	al := map[string]bool{}
	for _, st := range stmts {
		if name := m.aliasDecl(st); name != "" {
			al[name] = true
		}
	}
	return al
}

// aliasDecl returns the alias a `const` statement declares for the method.
func (m *migration) aliasDecl(st *Node) string {
	if st.Kind != "lexical_declaration" || !strings.HasPrefix(m.text(st), "const") {
		return ""
	}
	ds := st.NamedChildren()
	if len(ds) != 1 || ds[0].Kind != "variable_declarator" {
		return ""
	}
	name, value := ds[0].ChildByField("name"), codemod.Unparen(ds[0].ChildByField("value"))
	if value == nil {
		return ""
	}
	for value.Kind == "as_expression" || value.Kind == "non_null_expression" {
		value = codemod.Unparen(value.NamedChildren()[0])
	}
	if value.Kind == "binary_expression" {
		// const method = req.method || "GET" — a request always has a method
		op := m.text(value.ChildByField("operator"))
		if _, isStr := stringValue(m.src, value.ChildByField("right")); isStr && (op == "||" || op == "??") {
			value = codemod.Unparen(value.ChildByField("left"))
		}
	}
	if name.Kind == "identifier" && value.Kind == "member_expression" {
		obj, prop, _ := member(m.src, value)
		if prop == "method" && isIdent(m.src, obj, m.h.req) {
			return m.text(name)
		}
	}
	if name.Kind == "object_pattern" && isIdent(m.src, value, m.h.req) {
		// const { method } = req; const { query: { id }, method: verb } = req
		for _, e := range name.NamedChildren() {
			if key, val := patternKeyValue(m, e); key == "method" && e.Kind != "object_assignment_pattern" && val != nil && (val.Kind == "identifier" || val.Kind == "shorthand_property_identifier_pattern") {
				return m.text(val)
			}
		}
	}
	return ""
}

func (m *migration) isAliasDecl(st *Node) bool { return m.aliasDecl(st) != "" }

// walkMethodRefs calls fn for every read of the method inside n.
func (m *migration) walkMethodRefs(n *Node, fn func(*Node)) {
	n.Walk(func(c *Node) bool {
		switch c.Kind {
		case "member_expression":
			obj, prop, _ := member(m.src, c)
			if prop == "method" && isIdent(m.src, obj, m.h.req) && !m.isShadowed(obj, m.h.req) {
				fn(c)
				return false
			}
		case "identifier", "shorthand_property_identifier":
			if m.aliases[m.text(c)] {
				fn(c)
			}
		case "object_pattern":
			// const { method } = req
			if p := c.Parent; p != nil && p.Kind == "variable_declarator" && isIdent(m.src, p.ChildByField("value"), m.h.req) {
				for _, k := range c.NamedChildren() {
					if m.text(k) == "method" || strings.HasPrefix(m.text(k), "method:") {
						fn(k)
					}
				}
			}
		}
		return true
	})
}

// mentionsMethod reports whether n branches on the method: compares it,
// switches on it, looks it up in a table. Plain reads (logging, a template)
// do not count: req.method has the same value in a route handler.
func (m *migration) mentionsMethod(n *Node) bool {
	found := false
	m.walkMethodRefs(n, func(ref *Node) {
		if m.isDispatchRef(ref) {
			found = true
		}
	})
	return found
}

// isDispatchRef reports whether a read of the method decides control flow.
func (m *migration) isDispatchRef(ref *Node) bool {
	n := ref
	for p := n.Parent; p != nil; n, p = p, p.Parent {
		switch p.Kind {
		case "parenthesized_expression", "as_expression", "non_null_expression", "satisfies_expression", "member_expression", "call_expression":
			if p.Kind == "call_expression" && n.Field != "function" {
				// an argument: only .includes(method) decides
				if p.Parent != nil {
					_, prop, ok := member(m.src, p.ChildByField("function"))
					return ok && prop == "includes"
				}
				return false
			}
			if p.Kind == "member_expression" && n.Field != "object" {
				return false
			}
			continue
		case "arguments":
			continue
		case "binary_expression":
			switch m.text(p.ChildByField("operator")) {
			case "===", "==", "!==", "!=":
				return true
			case "??", "||", "&&":
				continue // req.method ?? "" still carries the method
			}
			return false
		case "switch_statement", "switch_case", "subscript_expression", "ternary_expression", "if_statement", "while_statement":
			return true
		case "object_pattern", "shorthand_property_identifier_pattern", "pair_pattern", "variable_declarator":
			return false
		default:
			return false
		}
	}
	return false
}

func (m *migration) mentionsMethodIn(nodes []*Node) bool {
	for _, n := range nodes {
		if m.mentionsMethod(n) {
			return true
		}
	}
	return false
}

// methodLiteral reads a method name written as a string literal, or as a
// member of a module-level string enum or constant object the file never
// changes nor exports:
//
//	case "GET":                                     => GET
//	enum Method { GET = "GET" } ... case Method.GET: => GET
//	const Method = { GET: "GET" } (or Object.freeze, as const) ... Method.GET => GET
func (m *migration) methodLiteral(n *Node) (string, bool) {
	if v, ok := stringValue(m.src, n); ok {
		return v, true
	}
	n = codemod.Unparen(n)
	if n == nil || n.Kind != "member_expression" {
		return "", false
	}
	obj, key, ok := member(m.src, n)
	if !ok || obj == nil || obj.Kind != "identifier" {
		return "", false
	}
	name := m.text(obj)
	for _, st := range m.f.Root.Children {
		if st.Kind == "export_statement" {
			if d := st.ChildByField("declaration"); d != nil && d.Kind == "enum_declaration" {
				st = d // export enum Method {...}: other modules cannot change it either
			}
		}
		switch st.Kind {
		case "enum_declaration":
			// enum Method { GET = "GET" }: its members cannot be reassigned
			if !isIdent(m.src, st.ChildByField("name"), name) {
				continue
			}
			for _, e := range st.ChildByField("body").NamedChildren() {
				if e.Kind == "enum_assignment" && m.text(e.ChildByField("name")) == key {
					return stringValue(m.src, e.ChildByField("value"))
				}
			}
		case "lexical_declaration":
			if !strings.HasPrefix(m.text(st), "const") {
				continue
			}
			for _, d := range st.NamedChildren() {
				if d.Kind != "variable_declarator" || !isIdent(m.src, d.ChildByField("name"), name) {
					continue
				}
				obj := constObject(m, d.ChildByField("value"))
				if obj == nil || !m.onlyMemberReads(name, d) {
					return "", false
				}
				for _, p := range obj.NamedChildren() {
					if p.Kind != "pair" {
						continue
					}
					k := p.ChildByField("key")
					ks := m.text(k)
					if s, isStr := stringValue(m.src, k); isStr {
						ks = s
					}
					if ks == key {
						return stringValue(m.src, p.ChildByField("value"))
					}
				}
			}
		}
	}
	return "", false
}

// constObject unwraps `{...}`, `{...} as const` and `Object.freeze({...})`.
func constObject(m *migration, v *Node) *Node {
	v = codemod.Unparen(v)
	for v != nil && (v.Kind == "as_expression" || v.Kind == "satisfies_expression") {
		v = codemod.Unparen(v.NamedChildren()[0])
	}
	if v != nil && v.Kind == "call_expression" && m.text(v.ChildByField("function")) == "Object.freeze" {
		if a := callArgs(v); len(a) == 1 {
			v = codemod.Unparen(a[0])
		}
	}
	if v == nil || v.Kind != "object" {
		return nil
	}
	for _, p := range v.NamedChildren() {
		if p.Kind != "pair" && p.Kind != "comment" {
			return nil // a spread or a method
		}
	}
	return v
}

// onlyMemberReads reports whether every other use of name in the file is a
// read of one of its properties: never assigned, passed on or exported.
func (m *migration) onlyMemberReads(name string, decl *Node) bool {
	ok := true
	m.f.Root.Walk(func(n *Node) bool {
		if !ok || decl.Contains(n) {
			return ok && !decl.Contains(n)
		}
		switch n.Kind {
		case "identifier", "shorthand_property_identifier":
			if m.text(n) != name {
				return true
			}
			p := n.Parent
			if n.Kind == "shorthand_property_identifier" || p == nil || p.Kind != "member_expression" || n.Field != "object" || inAssignTarget(m, p) {
				ok = false
			}
			if p != nil && p.Kind == "member_expression" && p.Parent != nil && p.Parent.Kind == "call_expression" && p.Field == "function" {
				ok = false // Method.x(): a method call may change it
			}
		case "export_clause":
			if strings.Contains(m.text(n), name) {
				ok = false
			}
		}
		return ok
	})
	if ok {
		// export const Method = {...}
		if st := decl.Parent; st != nil && st.Parent != nil && st.Parent.Kind == "export_statement" {
			ok = false
		}
	}
	return ok
}

// dropUnusedAliases removes from the body text of one output function the
// declarations of method aliases that nothing in it reads any more: the
// dispatch that read them became the split into method exports, and a
// local left unread fails noUnusedLocals (TS6133).
//
//	const method = req.method; if (method === "GET") {a} ... => export GET() {a} (the declaration goes)
//	const { method } = req; switch (method) { case "GET": a } => export GET() {a} (likewise)
//	const { method } = req; ... log(method) ...                 => kept
//
// Only a declaration on a line of its own, in one of the shapes above, goes,
// and only when the name appears nowhere else in the function's text as a
// name (a string or comment that spells it keeps it too).
func (m *migration) dropUnusedAliases(body string) string {
	if len(m.aliases) == 0 || m.h.req == "" {
		return body
	}
	req := regexp.QuoteMeta(m.h.req)
	for alias := range m.aliases {
		a := regexp.QuoteMeta(alias)
		forms := []string{
			a + ` = ` + req + `\.method(?: (?:\|\||\?\?) (?:"[A-Z]+"|'[A-Z]+'))?`, // const method = req.method || "GET"
			`\{ method: ` + a + ` \} = ` + req,                                    // const { method: verb } = req
		}
		if alias == "method" {
			forms = append(forms, `\{ method \} = `+req) // const { method } = req
		}
		decl := regexp.MustCompile(`(?m)^[ \t]*const (?:` + strings.Join(forms, "|") + `);?[ \t]*\r?\n`)
		locs := decl.FindAllStringIndex(body, -1)
		if len(locs) != 1 {
			continue
		}
		start, end := locs[0][0], locs[0][1]
		if nameUse(alias).MatchString(body[:start] + body[end:]) {
			continue
		}
		// a blank line right after a declaration that opened the body goes too
		if before := strings.TrimRight(body[:start], " \t"); before == "" {
			if nl := strings.IndexByte(body[end:], '\n'); nl >= 0 && strings.TrimSpace(body[end:end+nl]) == "" {
				end += nl + 1
			}
		}
		body = body[:start] + body[end:]
	}
	return body
}

// nameUse matches name as a name: not a property after a dot.
func nameUse(name string) *regexp.Regexp {
	return regexp.MustCompile(`(^|[^\w$.])` + regexp.QuoteMeta(name) + `($|[^\w$])`)
}
