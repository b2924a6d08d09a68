package transforms

import (
	"regexp"
	"slices"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// What a raw-body reader gives, by what routemod can see of it.
const (
	rawUnknown = iota // not seen, or a shape routemod does not know: marked
	rawBuffer         // a Buffer of the body
	rawText           // the body as a string
	rawAssumed        // imported from a module routemod cannot see: assumed a Buffer, marked
	rawMicro          // micro's buffer: a Buffer, capped at 1 MB by default (reported)
	rawUTF8           // the Buffer of the body decoded as UTF-8 by the reader (Buffer.concat(chunks).toString())
)

// rawBodyKind says what the raw-body reader called name gives, from where
// it comes:
//
//	import { buffer } from "micro"                                     => rawMicro
//	import getRawBody from "raw-body"                                  => rawBuffer
//	function getRawBody(req) { ... for await (const c of req) chunks.push(c) ... return Buffer.concat(chunks) } => rawBuffer
//	function readBody(req) { let s = ""; req.on("data", (c) => (s += c)); ... resolve(s) ... } => rawText
//	function readBody(req) { ... return Buffer.concat(chunks).toString("utf8") } => rawUTF8
//	import { getRawBody } from "../lib/body"                           => rawAssumed
//	anything else                                                      => rawUnknown
//
// A function from another module counts only under a reader's name:
// anything else handed req is marked by the request transform.
func (m *migration) rawBodyKind(name string) int {
	for _, imp := range m.importStatements() {
		if imp.defaultName == name {
			if imp.module == "raw-body" {
				return rawBuffer
			}
			return assumedIfReaderName(name)
		}
		for _, s := range imp.specs {
			if s.local == name {
				if imp.module == "micro" && s.name == "buffer" {
					return rawMicro
				}
				return assumedIfReaderName(s.name)
			}
		}
	}
	for _, st := range m.f.Root.Children {
		fn := st
		if st.Kind == "export_statement" {
			if d := st.ChildByField("declaration"); d != nil {
				fn = d
			}
		}
		switch fn.Kind {
		case "function_declaration", "generator_function_declaration":
			if n := fn.ChildByField("name"); n != nil && m.text(n) == name {
				return m.rawReaderShape(fn)
			}
		case "lexical_declaration", "variable_declaration":
			for _, d := range fn.NamedChildren() {
				if d.Kind != "variable_declarator" {
					continue
				}
				n, v := d.ChildByField("name"), d.ChildByField("value")
				if n == nil || !bindsName(m, n, name) {
					continue
				}
				if v == nil {
					return rawUnknown
				}
				t := compact(m.text(v))
				switch {
				case t == `require("micro")` || t == `require('micro')`:
					// const { buffer } = require("micro")
					if n.Kind == "object_pattern" && strings.Contains(compact(m.text(n)), "buffer") {
						return rawMicro
					}
					return rawUnknown
				case t == `require("raw-body")` || t == `require('raw-body')`:
					if n.Kind == "identifier" {
						return rawBuffer
					}
					return rawUnknown
				case strings.HasPrefix(t, "require("):
					return assumedIfReaderName(name)
				}
				if n.Kind != "identifier" {
					return rawUnknown
				}
				switch v.Kind {
				case "arrow_function", "function_expression", "function":
					return m.rawReaderShape(v)
				}
				return rawUnknown
			}
		}
	}
	return rawUnknown
}

// assumedIfReaderName is rawAssumed for the names raw-body readers go by,
// rawUnknown for any other.
func assumedIfReaderName(name string) int {
	switch name {
	case "buffer", "getRawBody", "rawBody", "getRawRequestBody", "readRawBody":
		return rawAssumed
	}
	return rawUnknown
}

// rawReaderShape reads a local raw-body reader. Its first parameter is
// the request, and every use of it must read the body chunk by chunk:
// `for await (const c of req)` or `req.on("data", (c) => ...)` (with "end",
// "error" and "close" listeners beside), each chunk only collected, and the
// collection given whole. Anything more (a size limit, an early stop, an
// encoding, another use of req) and the shape is unknown.
//
//	const chunks = []; for await (const c of req) chunks.push(c); return Buffer.concat(chunks) => rawBuffer
//	... return Buffer.concat(chunks).toString("utf8")                                         => rawUTF8
//	let s = ""; req.on("data", (c) => (s += c)); req.on("end", () => resolve(s))               => rawText
func (m *migration) rawReaderShape(fn *Node) int {
	req := m.firstParamName(fn)
	body := fn.ChildByField("body")
	if req == "" || body == nil {
		return rawUnknown
	}
	var kind, acc string // "push" or "append", and the collecting variable
	known := true
	collect := func(stmt *Node, chunk string) {
		k, a := m.collects(stmt, chunk)
		if k == "" || kind != "" && (k != kind || a != acc) {
			known = false
		}
		kind, acc = k, a
	}
	body.Walk(func(n *Node) bool {
		if !known {
			return false
		}
		if n.Kind != "identifier" || m.text(n) != req {
			return true
		}
		p := n.Parent
		switch {
		case p.Kind == "for_in_statement" && n.Field == "right" && strings.HasPrefix(compact(m.text(p)), "forawait("):
			collect(p.ChildByField("body"), m.text(p.ChildByField("left")))
		case p.Kind == "member_expression" && n.Field == "object" && p.Field == "function":
			_, prop, _ := member(m.src, p)
			args := callArgs(p.Parent)
			event, _ := stringValue(m.src, firstOf(args))
			switch {
			case prop != "on" && prop != "once" || len(args) != 2:
				known = false
			case event == "data":
				cb := args[1]
				collect(cb.ChildByField("body"), m.firstParamName(cb))
			case event != "end" && event != "error" && event != "close":
				known = false
			}
		default:
			known = false
		}
		return true
	})
	if !known || kind == "" {
		return rawUnknown
	}
	// The collection is declared empty, used nowhere else, and given whole.
	b := compact(m.text(body))
	switch kind {
	case "push":
		if !m.declaredAs(body, acc, "[]") || m.uses(body, acc) != m.collectors(b, acc)+2 {
			break
		}
		whole := "Buffer.concat(" + acc + ")"
		if gives(b, whole) {
			return rawBuffer
		}
		for _, enc := range []string{"", `"utf8"`, `'utf8'`, `"utf-8"`, `'utf-8'`} {
			if gives(b, whole+".toString("+enc+")") {
				return rawUTF8
			}
		}
	case "append":
		if (m.declaredAs(body, acc, `""`) || m.declaredAs(body, acc, "''")) && m.uses(body, acc) == m.collectors(b, acc)+2 && (strings.Contains(b, "resolve("+acc+")") || strings.Contains(b, "return"+acc+";") || strings.HasSuffix(b, "return"+acc+"}")) {
			return rawText
		}
	}
	return rawUnknown
}

// gives reports whether the compacted reader body b gives exactly the
// value e: return e; (or return e at the end) or resolve(e). Buffer.concat(c)
// is not given by return Buffer.concat(c).toString().
func gives(b, e string) bool {
	return strings.Contains(b, "return"+e+";") || strings.HasSuffix(b, "return"+e+"}") || strings.Contains(b, "resolve("+e+")")
}

// collects reads the body of a chunk loop or "data" listener that only
// collects the chunk: acc.push(chunk) (also Buffer.from(chunk), or the
// string-or-Buffer ternary) is "push"; acc += chunk (also
// chunk.toString()) is "append".
func (m *migration) collects(n *Node, chunk string) (kind, acc string) {
	n = codemod.Unparen(n)
	if n != nil && n.Kind == "statement_block" {
		st := statements(n)
		if len(st) != 1 || st[0].Kind != "expression_statement" {
			return "", ""
		}
		n = codemod.Unparen(firstNamed(st[0]))
	}
	if n == nil || chunk == "" {
		return "", ""
	}
	t := strings.TrimSuffix(compact(m.text(n)), ";")
	c := regexp.QuoteMeta(chunk)
	if g := regexp.MustCompile(`^([A-Za-z_$][\w$]*)\.push\((` + c + `|Buffer\.from\(` + c + `\)|typeof` + c + `==="string"\?Buffer\.from\(` + c + `\):` + c + `)\)$`).FindStringSubmatch(t); g != nil {
		return "push", g[1]
	}
	if g := regexp.MustCompile(`^([A-Za-z_$][\w$]*)\+=(` + c + `|` + c + `\.toString\(\))$`).FindStringSubmatch(t); g != nil {
		return "append", g[1]
	}
	return "", ""
}

// firstParamName is the name of a function's first parameter, or "".
func (m *migration) firstParamName(fn *Node) string {
	if fn == nil {
		return ""
	}
	if p := fn.ChildByField("parameter"); p != nil { // x => ...
		return m.text(p)
	}
	params := fn.ChildByField("parameters")
	if params == nil {
		return ""
	}
	for _, c := range params.NamedChildren() {
		if c.Kind == "comment" {
			continue
		}
		if c.Kind == "required_parameter" || c.Kind == "optional_parameter" {
			c = c.ChildByField("pattern")
		}
		if c == nil || c.Kind != "identifier" {
			return ""
		}
		return m.text(c)
	}
	return ""
}

// declaredAs reports a declaration of name in body whose value is, as
// compact text, value.
func (m *migration) declaredAs(body *Node, name, value string) bool {
	found := false
	body.Walk(func(n *Node) bool {
		if n.Kind == "variable_declarator" && isIdent(m.src, n.ChildByField("name"), name) {
			if v := n.ChildByField("value"); v != nil && compact(m.text(v)) == value {
				found = true
			}
		}
		return !found
	})
	return found
}

// uses counts the identifiers spelled name in body.
func (m *migration) uses(body *Node, name string) int {
	n := 0
	body.Walk(func(c *Node) bool {
		if c.Kind == "identifier" && m.text(c) == name {
			n++
		}
		return true
	})
	return n
}

// collectors counts acc.push( and acc+= in the compact text b.
func (m *migration) collectors(b, acc string) int {
	return strings.Count(b, acc+".push(") + strings.Count(b, acc+"+=")
}

// firstOf is the first node of ns, or nil.
func firstOf(ns []*Node) *Node {
	if len(ns) == 0 {
		return nil
	}
	return ns[0]
}

// dropDeadReaders removes a local raw-body reader every call of which became
// a read of the request: left, it would be dead code reading a Node stream
// (its JSDoc rewritten, its types unused: noUnusedLocals fails on it).
//
//	async function buffer(readable) {...}; ... await buffer(req) => (function removed); Buffer.from(await req.arrayBuffer())
func (m *migration) dropDeadReaders() {
	for name, calls := range m.readerCalls {
		var stmt, doc *Node
		for i, st := range m.f.Root.Children {
			d := st
			if st.Kind == "export_statement" {
				continue // exported: someone else may call it
			}
			switch d.Kind {
			case "function_declaration":
				if !isIdent(m.src, d.ChildByField("name"), name) {
					continue
				}
			case "lexical_declaration", "variable_declaration":
				ds := d.NamedChildren()
				if len(ds) != 1 || ds[0].Kind != "variable_declarator" || !isIdent(m.src, ds[0].ChildByField("name"), name) {
					continue
				}
			default:
				continue
			}
			stmt = st
			if i > 0 {
				// its doc or comment goes with it
				if c := m.f.Root.Children[i-1]; c.Kind == "comment" && strings.TrimSpace(string(m.src[c.End:st.Start])) == "" && strings.Count(string(m.src[c.End:st.Start]), "\n") <= 1 {
					doc = c
				}
			}
			break
		}
		if stmt == nil || m.otherRefs(name, stmt) != len(calls) || !onlySpaceBefore(m.src, stmt.Start) || !onlySpaceAfter(m.src, stmt.End) {
			continue
		}
		start := stmt.Start
		if doc != nil && onlySpaceBefore(m.src, doc.Start) {
			start = doc.Start
		}
		start, end := codemod.LineStart(m.src, start), lineEnd(m.src, stmt.End)
		if next := lineEnd(m.src, end); end < len(m.src) && strings.TrimSpace(string(m.src[end:next])) == "" {
			end = next // and the blank line after it
		}
		m.f.SetEdits(slices.DeleteFunc(m.f.Edits(), func(e codemod.Edit) bool {
			return e.Start >= start && e.End <= end && !(e.Start == start && e.End == start)
		}))
		m.f.Replace(start, end, "")
	}
}

// otherRefs counts the identifiers spelled name outside the node except.
func (m *migration) otherRefs(name string, except *Node) int {
	n := 0
	m.f.Root.Walk(func(c *Node) bool {
		if c == except {
			return false
		}
		if c.Kind == "identifier" && m.text(c) == name {
			n++
		}
		return true
	})
	return n
}

// streamReader says, for a TODO at a call that hands the request to a
// function of this file that reads its first parameter as a Node stream
// in a shape rawReaderShape does not know (a size cap, an encoding), what
// that function does and what reads the body now; "" otherwise:
//
//	readCapped(req) (for await (const c of req) { size += c.length; if (size > max) throw ...; chunks.push(c) })
//	  => "readCapped reads it as a Node stream (for await), which a NextRequest is not: read the body with await req.arrayBuffer() or req.text() and keep the rest of readCapped's work (a size cap, an encoding) on that"
func (m *migration) streamReader(call, arg *Node) string {
	fn := call.ChildByField("function")
	args := call.ChildByField("arguments")
	if fn == nil || fn.Kind != "identifier" || args == nil || len(args.NamedChildren()) == 0 || args.NamedChildren()[0] != arg {
		return ""
	}
	def := m.localFunction(m.text(fn))
	param := m.firstParamName(def)
	if param == "" {
		return ""
	}
	how := ""
	def.ChildByField("body").Walk(func(n *Node) bool {
		if how != "" || n.Kind != "identifier" || m.text(n) != param {
			return how == ""
		}
		switch p := n.Parent; {
		case p.Kind == "for_in_statement" && n.Field == "right" && strings.HasPrefix(compact(m.text(p)), "forawait("):
			how = "for await"
		case p.Kind == "member_expression" && n.Field == "object" && p.Field == "function":
			if _, prop, _ := member(m.src, p); prop == "on" || prop == "once" || prop == "pipe" || prop == "read" {
				how = param + "." + prop
			}
		}
		return how == ""
	})
	if how == "" {
		return ""
	}
	return m.text(fn) + " reads it as a Node stream (" + how + "), which a NextRequest is not: read the body with await " + m.h.req + ".arrayBuffer() or " + m.h.req + ".text() and keep the rest of " + m.text(fn) + "'s work (a size cap, an encoding) on that"
}

// localFunction is the function the module-level declaration of name in
// this file binds (function name() {}, const name = () => {}), or nil.
func (m *migration) localFunction(name string) *Node {
	for _, st := range m.f.Root.Children {
		if st.Kind == "export_statement" {
			if d := st.ChildByField("declaration"); d != nil {
				st = d
			}
		}
		switch st.Kind {
		case "function_declaration":
			if isIdent(m.src, st.ChildByField("name"), name) && st.ChildByField("body") != nil {
				return st
			}
		case "lexical_declaration", "variable_declaration":
			for _, d := range st.NamedChildren() {
				if d.Kind != "variable_declarator" || !isIdent(m.src, d.ChildByField("name"), name) {
					continue
				}
				if v := d.ChildByField("value"); v != nil && (v.Kind == "arrow_function" || v.Kind == "function_expression" || v.Kind == "function") && v.ChildByField("body") != nil {
					return v
				}
			}
		}
	}
	return nil
}
