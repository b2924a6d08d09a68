package transforms

// Scope resolution, on any tree (the input's or an output's): which node
// binds the name an identifier spells. A reference is an identifier in an
// expression or the shorthand of an object literal ({ req } reads req);
// declares says which names a scope node binds itself.
//
//	fetch(u).then((res) => res.json())    // this res is bound by the arrow
//	for (const res of all) res.ok          // bound by the for statement
//	helper({ req, res })                   // two references to the handler's bindings

// isShadowed reports whether name is bound again between n and the
// current handler (or helper) function's own body: a use there is another
// value than the parameter (or the local of the body) of that name.
func (m *migration) isShadowed(n *Node, name string) bool {
	stop := m.h.fn
	if b := m.h.fn.ChildByField("body"); b != nil && b.Kind == "statement_block" && b.Contains(n) {
		stop = b
	}
	return boundBetween(m.src, n, stop, name)
}

// boundBetween reports whether a scope around n, below stop, binds name.
func boundBetween(src []byte, n, stop *Node, name string) bool {
	for p := n; p != nil && p != stop; p = p.Parent {
		if declares(src, p, name) {
			return true
		}
	}
	return false
}

// bindingScope returns the nearest scope around n that binds name, nil
// when none does (a global, or a name nothing declares).
func bindingScope(src []byte, n *Node, name string) *Node {
	for p := n; p != nil; p = p.Parent {
		if declares(src, p, name) {
			return p
		}
	}
	return nil
}

// isReference reports whether n reads a binding: an identifier or the
// shorthand of an object literal. Property names, labels and types are
// other kinds of node; a declaration's own name resolves to its scope.
func isReference(n *Node) bool {
	return n.Kind == "identifier" || n.Kind == "shorthand_property_identifier"
}

// references calls fn for every reference inside fn's body (its parameter
// list excluded) to the binding fn's own parameter or declaration gives name.
func references(src []byte, fnNode *Node, name string, visit func(*Node)) {
	params := fnNode.ChildByField("parameters")
	// Whether each scope declares name, asked once per scope: a block of
	// many statements is not scanned again for every reference in it.
	scopes := map[*Node]bool{}
	bound := func(n *Node) bool {
		for p := n; p != nil && p != fnNode; p = p.Parent {
			d, ok := scopes[p]
			if !ok {
				d = declares(src, p, name)
				scopes[p] = d
			}
			if d {
				return true
			}
		}
		return false
	}
	fnNode.Walk(func(n *Node) bool {
		if params != nil && params == n || n.Field == "parameter" && n.Parent == fnNode {
			return false
		}
		if isReference(n) && string(src[n.Start:n.End]) == name && !bound(n) {
			visit(n)
		}
		return true
	})
}

// declares reports whether the scope node s binds name itself.
func declares(src []byte, s *Node, name string) bool {
	switch s.Kind {
	case "arrow_function", "function_expression", "function_declaration", "function", "method_definition",
		"generator_function", "generator_function_declaration":
		if patternBinds(src, s.ChildByField("parameters"), name) || patternBinds(src, s.ChildByField("parameter"), name) {
			return true
		}
		if s.Kind == "function_expression" || s.Kind == "function" || s.Kind == "generator_function" {
			if patternBinds(src, s.ChildByField("name"), name) {
				return true // a named function expression sees its own name
			}
		}
		return hoistsVar(src, s.ChildByField("body"), name)
	case "program":
		for _, c := range s.Children {
			if blockBinds(src, c, name) {
				return true
			}
		}
		return hoistsVar(src, s, name)
	case "statement_block", "class_body":
		for _, c := range s.Children {
			if blockBinds(src, c, name) {
				return true
			}
		}
	case "switch_body":
		for _, cs := range s.Children {
			for _, c := range cs.Children {
				if blockBinds(src, c, name) {
					return true
				}
			}
		}
	case "for_statement":
		if init := s.ChildByField("initializer"); init != nil && init.Kind == "lexical_declaration" {
			return declaratorsBind(src, init, name)
		}
	case "for_in_statement":
		if k := s.ChildByField("kind"); k != nil && string(src[k.Start:k.End]) != "var" {
			return patternBinds(src, s.ChildByField("left"), name)
		}
	case "catch_clause":
		return patternBinds(src, s.ChildByField("parameter"), name)
	case "class", "class_declaration":
		return patternBinds(src, s.ChildByField("name"), name)
	}
	return false
}

// blockBinds reports whether a statement directly in a block binds name
// for the whole block: let, const, a function, a class, an import.
func blockBinds(src []byte, st *Node, name string) bool {
	switch st.Kind {
	case "lexical_declaration":
		return declaratorsBind(src, st, name)
	case "function_declaration", "generator_function_declaration", "class_declaration":
		return patternBinds(src, st.ChildByField("name"), name)
	case "export_statement":
		if d := st.ChildByField("declaration"); d != nil {
			return blockBinds(src, d, name)
		}
	case "import_statement":
		found := false
		st.Walk(func(n *Node) bool {
			switch n.Kind {
			case "string":
				return false
			case "import_specifier":
				// import { a as b }: b binds; import { a }: a binds
				local := n.ChildByField("alias")
				if local == nil {
					local = n.ChildByField("name")
				}
				found = found || local != nil && string(src[local.Start:local.End]) == name
				return false
			case "identifier":
				found = found || string(src[n.Start:n.End]) == name // import a / import * as a
			}
			return !found
		})
		return found
	}
	return false
}

// hoistsVar reports whether a var declaration in body (not in a nested
// function) binds name: var is function-scoped.
func hoistsVar(src []byte, body *Node, name string) bool {
	if body == nil {
		return false
	}
	found := false
	body.Walk(func(n *Node) bool {
		if found {
			return false
		}
		switch n.Kind {
		case "arrow_function", "function_expression", "function_declaration", "function", "method_definition", "generator_function", "generator_function_declaration", "class_body":
			return n == body
		case "variable_declaration":
			found = declaratorsBind(src, n, name)
		case "for_in_statement":
			if k := n.ChildByField("kind"); k != nil && string(src[k.Start:k.End]) == "var" {
				found = patternBinds(src, n.ChildByField("left"), name)
			}
		}
		return !found
	})
	return found
}

// declaratorsBind reports whether a declaration's declarators bind name.
func declaratorsBind(src []byte, decl *Node, name string) bool {
	for _, d := range decl.NamedChildren() {
		if d.Kind == "variable_declarator" && patternBinds(src, d.ChildByField("name"), name) {
			return true
		}
	}
	return false
}

// patternBinds reports whether a binding pattern or parameter list binds
// name (default values and types bind nothing).
func patternBinds(src []byte, n *Node, name string) bool {
	if n == nil {
		return false
	}
	switch n.Kind {
	case "identifier", "shorthand_property_identifier_pattern":
		return string(src[n.Start:n.End]) == name
	case "formal_parameters", "object_pattern", "array_pattern":
		for _, c := range n.NamedChildren() {
			if patternBinds(src, c, name) {
				return true
			}
		}
	case "pair_pattern":
		return patternBinds(src, n.ChildByField("value"), name)
	case "object_assignment_pattern", "assignment_pattern":
		return patternBinds(src, n.ChildByField("left"), name)
	case "rest_pattern":
		for _, c := range n.NamedChildren() {
			return patternBinds(src, c, name)
		}
	case "required_parameter", "optional_parameter":
		return patternBinds(src, n.ChildByField("pattern"), name)
	}
	return false
}

// bindsName reports whether a parameter list or binding pattern binds name.
func bindsName(m *migration, n *Node, name string) bool { return patternBinds(m.src, n, name) }

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
