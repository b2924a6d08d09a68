package transforms

import (
	"regexp"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// stringMethods are the methods whose result is a string whatever they are
// called on in code that type-checks (String, Date, Number and Array
// methods).
var stringMethods = map[string]bool{
	"toString": true, "toISOString": true, "toUTCString": true, "toDateString": true, "toTimeString": true,
	"toLocaleString": true, "toLocaleDateString": true, "toLocaleTimeString": true,
	"toFixed": true, "toPrecision": true, "toExponential": true,
	"toLowerCase": true, "toUpperCase": true, "trim": true, "trimStart": true, "trimEnd": true,
	"padStart": true, "padEnd": true, "repeat": true, "normalize": true, "join": true,
}

// stringFuncs are the functions that return a string.
var stringFuncs = map[string]bool{
	"String": true, "JSON.stringify": true, "encodeURIComponent": true, "encodeURI": true,
}

// knownString reports expressions that are strings by their shape, so a Web
// API that takes only strings (Headers.set) can take them as they are:
//
//	"a", `a${b}`, "a" + b, c ? "a" : "b", x as string, String(x), d.toISOString(), ids.join(",")
//	a name bound once in the file, by a const with such a value or a string type
func (m *migration) knownString(n *Node) bool {
	return m.knownStringDepth(n, 0)
}

func (m *migration) knownStringDepth(n *Node, depth int) bool {
	n = codemod.Unparen(n)
	if n == nil || depth > 8 {
		return false
	}
	switch n.Kind {
	case "string", "template_string":
		return true
	case "binary_expression":
		return m.text(n.ChildByField("operator")) == "+" &&
			(m.knownStringDepth(n.ChildByField("left"), depth+1) || m.knownStringDepth(n.ChildByField("right"), depth+1))
	case "ternary_expression":
		return m.knownStringDepth(n.ChildByField("consequence"), depth+1) && m.knownStringDepth(n.ChildByField("alternative"), depth+1)
	case "as_expression", "satisfies_expression":
		if t := n.Children[len(n.Children)-1]; t.Kind == "predefined_type" && m.text(t) == "string" {
			return true
		}
		return m.knownStringDepth(n.Children[0], depth+1)
	case "call_expression":
		fn := n.ChildByField("function")
		if stringFuncs[m.text(fn)] {
			return true
		}
		_, prop, ok := member(m.src, fn)
		return ok && fn.Kind == "member_expression" && stringMethods[prop]
	case "identifier":
		return m.constString(m.text(n), depth)
	case "subscript_expression":
		// names[id] with const names: Record<string, string> (or string[])
		if obj := n.ChildByField("object"); obj != nil && obj.Kind == "identifier" {
			if d := m.constDecl(m.text(obj)); d != nil && d.ChildByField("type") != nil {
				return stringElements.MatchString(compact(strings.TrimPrefix(strings.TrimSpace(m.text(d.ChildByField("type"))), ":")))
			}
		}
	}
	return false
}

// stringElements matches the types whose elements are strings.
var stringElements = regexp.MustCompile(`^(Record<string,string>|\{\[\w+:string\]:string;?\}|string\[\]|readonlystring\[\]|Array<string>)$`)

// constString reports a name the file binds exactly once, by a const
// declaration with a string type or a value knownString accepts:
//
//	const LIMIT = "100"; ... headers.set("X-Limit", LIMIT)
func (m *migration) constString(name string, depth int) bool {
	decl := m.constDecl(name)
	if decl == nil {
		return false
	}
	if t := decl.ChildByField("type"); t != nil {
		return strings.TrimSpace(strings.TrimPrefix(m.text(t), ":")) == "string"
	}
	return m.knownStringDepth(decl.ChildByField("value"), depth+1)
}

// constDecl is the declarator of a name the file binds exactly once, by a
// const declaration, or nil.
func (m *migration) constDecl(name string) *Node {
	var decl *Node
	count := 0
	m.f.Root.Walk(func(n *Node) bool {
		switch n.Kind {
		case "variable_declarator":
			if isIdent(m.src, n.ChildByField("name"), name) {
				count++
				decl = n
			} else if bindsName(m, n.ChildByField("name"), name) {
				count += 2 // bound by a pattern
			}
		case "formal_parameters", "catch_clause", "import_statement":
			if bindsName(m, n, name) {
				count += 2
			}
		case "arrow_function":
			if p := n.ChildByField("parameter"); p != nil && isIdent(m.src, p, name) {
				count += 2
			}
		case "function_declaration", "class_declaration", "generator_function_declaration":
			if isIdent(m.src, n.ChildByField("name"), name) {
				count += 2
			}
		}
		return count < 2
	})
	if count != 1 || decl.Parent == nil || decl.Parent.Kind != "lexical_declaration" || !strings.HasPrefix(m.text(decl.Parent), "const") {
		return nil
	}
	return decl
}

// knownBytes reports expressions that are bytes (a Buffer or Uint8Array) by
// their shape, a body new Response and Node's res.end both take:
//
//	Buffer.from(x), Buffer.concat(list), new Uint8Array(n), new TextEncoder().encode(s)
func (m *migration) knownBytes(n *Node) bool {
	n = codemod.Unparen(n)
	switch n.Kind {
	case "call_expression":
		fn := n.ChildByField("function")
		if isBufferCall(m.text(fn)) {
			return true
		}
		obj, prop, ok := member(m.src, fn)
		return ok && prop == "encode" && obj.Kind == "new_expression" && m.text(obj.ChildByField("constructor")) == "TextEncoder"
	case "new_expression":
		switch m.text(n.ChildByField("constructor")) {
		case "Uint8Array", "Buffer":
			return true
		}
	}
	return false
}
