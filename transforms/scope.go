package transforms

// shadows returns the nodes inside the current handler (or helper) where
// name is bound again — a nested function's parameter, a variable declared
// in a nested block, a catch parameter — so a use there is another value:
//
//	fetch(u).then((res) => res.json())   // this res is not the response
func (m *migration) shadows(name string) []*Node {
	key := shadowKey{m.h, name}
	if s, ok := m.shadowCache[key]; ok {
		return s
	}
	var scopes []*Node
	own := m.h.fn.ChildByField("parameters")
	m.h.fn.Walk(func(n *Node) bool {
		if own != nil && own == n {
			return false
		}
		switch n.Kind {
		case "arrow_function", "function_expression", "function_declaration", "function", "method_definition", "generator_function", "generator_function_declaration":
			if n != m.h.fn && bindsName(m, n.ChildByField("parameters"), name) || bindsName(m, n.ChildByField("parameter"), name) && n != m.h.fn {
				scopes = append(scopes, n)
			}
		case "catch_clause":
			if bindsName(m, n.ChildByField("parameter"), name) {
				scopes = append(scopes, n)
			}
		case "variable_declarator":
			if bindsName(m, n.ChildByField("name"), name) {
				if s := declScope(n); s != nil && s != m.h.fn.ChildByField("body") {
					scopes = append(scopes, s)
				}
			}
		}
		return true
	})
	if m.shadowCache == nil {
		m.shadowCache = map[shadowKey][]*Node{}
	}
	m.shadowCache[key] = scopes
	return scopes
}

type shadowKey struct {
	h    *handler
	name string
}

// isShadowed reports whether the identifier n, spelled name, is bound by
// something other than the handler's own parameter.
func (m *migration) isShadowed(n *Node, name string) bool {
	for _, s := range m.shadows(name) {
		if s.Contains(n) {
			return true
		}
	}
	return false
}

// bindsName reports whether a parameter list or binding pattern binds name.
func bindsName(m *migration, n *Node, name string) bool {
	if n == nil {
		return false
	}
	found := false
	n.Walk(func(c *Node) bool {
		switch c.Kind {
		case "identifier", "shorthand_property_identifier_pattern":
			// in a pattern, identifiers are bindings unless they are a
			// default value or a type
			if m.text(c) == name && c.Field != "value" && c.Field != "right" && c.Field != "type" {
				found = true
			}
		case "type_annotation", "assignment_pattern":
			if c.Kind == "type_annotation" {
				return false
			}
		}
		return !found
	})
	return found
}

// declScope is the block a variable declarator's binding lives in.
func declScope(d *Node) *Node {
	decl := d.Parent
	isVar := decl != nil && decl.Kind == "variable_declaration"
	for p := decl; p != nil; p = p.Parent {
		switch p.Kind {
		case "statement_block", "for_statement", "for_in_statement", "switch_body":
			if !isVar {
				return p
			}
		case "arrow_function", "function_expression", "function_declaration", "function", "method_definition", "program":
			return p
		}
	}
	return nil
}
