package transforms

import (
	"strings"
)

// What a raw-body reader gives, by what routemod can see of it.
const (
	rawUnknown = iota // not seen, or a shape routemod does not know: marked
	rawBuffer         // a Buffer of the body
	rawText           // the body as a string
	rawAssumed        // imported from a module routemod cannot see: assumed a Buffer, marked
)

// rawBodyKind says what the raw-body reader called name gives, from where
// it comes:
//
//	import { buffer } from "micro"; import getRawBody from "raw-body" => rawBuffer
//	function getRawBody(req) { ... for await (const c of req) chunks.push(c) ... return Buffer.concat(chunks) } => rawBuffer
//	function readBody(req) { let s = ""; req.on("data", (c) => (s += c)); ... resolve(s) ... } => rawText
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
					return rawBuffer
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
						return rawBuffer
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

// rawReaderShape reads a local raw-body reader: it must take the request
// as its first parameter, read it chunk by chunk (for await, or "data"
// events), and give either Buffer.concat of the chunks or a string the
// chunks were appended to.
func (m *migration) rawReaderShape(fn *Node) int {
	params := fn.ChildByField("parameters")
	var p *Node
	if params != nil {
		for _, c := range params.NamedChildren() {
			if c.Kind == "comment" {
				continue
			}
			p = c
			if c.Kind == "required_parameter" || c.Kind == "optional_parameter" {
				p = c.ChildByField("pattern")
			}
			break
		}
	} else {
		p = fn.ChildByField("parameter") // x => ...
	}
	if p == nil || p.Kind != "identifier" {
		return rawUnknown
	}
	req := m.text(p)
	body := compact(m.text(fn.ChildByField("body")))
	reads := strings.Contains(body, "of"+req+")") && strings.Contains(body, "forawait(") ||
		strings.Contains(body, req+`.on("data",`) || strings.Contains(body, req+`.on('data',`)
	if !reads || strings.Contains(body, ".setEncoding(") {
		return rawUnknown // an encoding other than UTF-8 would read differently from req.text()
	}
	if strings.Contains(body, "Buffer.concat(") && (strings.Contains(body, "returnBuffer.concat(") || strings.Contains(body, "resolve(Buffer.concat(")) {
		return rawBuffer
	}
	// let s = ""; ... s += chunk ...; resolve(s) / return s
	for _, decl := range []string{`let`, `var`} {
		for _, q := range []string{`""`, `''`} {
			i := strings.Index(body, decl)
			for i >= 0 {
				rest := body[i+len(decl):]
				name := rest[:max(strings.Index(rest, "="+q), 0)]
				if k := strings.IndexByte(name, ':'); k >= 0 {
					name = name[:k] // let s: string = ""
				}
				if eq := strings.Index(rest, "="+q); eq > 0 && isIdentText(name) {
					s := name
					if strings.Contains(body, s+"+=") && (strings.Contains(body, "resolve("+s+")") || strings.Contains(body, "return"+s+";") || strings.HasSuffix(body, "return"+s+"}")) {
						return rawText
					}
				}
				next := strings.Index(rest, decl)
				if next < 0 {
					break
				}
				i += len(decl) + next
			}
		}
	}
	return rawUnknown
}

// isIdentText reports whether s is a plain identifier.
func isIdentText(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9' {
			continue
		}
		return false
	}
	return true
}
