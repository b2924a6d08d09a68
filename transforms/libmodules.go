package transforms

import (
	"bytes"
	"io/fs"
	"strings"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/project"
)

// libModules is what the project's own modules outside pages/ hold for
// the library rows: the cors instances they define at module level (const
// cors = Cors(options), Cors the default import of the cors package) with
// their options read as the route's own would be, their module-level
// functions checked against the Next.js docs' runMiddleware, and as a
// tRPC createContext that a fetch adapter can call (trpc.go). Prepare
// reads it once per project; a route that imports them asks it (see
// findCors, trpcRoute):
//
//	import { cors, runMiddleware } from "@/lib/middleware"; await runMiddleware(req, res, cors)
//	  => the headers and the OPTIONS export of the options lib/middleware.ts gives Cors()
type libModules struct {
	instances map[helperKey]corsInstance
	runners   map[helperKey]string // a module-level function => why it is not the docs' runMiddleware ("" when it is)
	contexts  map[helperKey]string // a module-level function => why it is no createContext for the fetch adapter ("" when it is)
	// basePath names the next.config file that sets basePath ("" when none).
	basePath string
}

// newLibModules is an empty libModules.
func newLibModules() *libModules {
	return &libModules{instances: map[helperKey]corsInstance{}, runners: map[helperKey]string{}, contexts: map[helperKey]string{}}
}

// nextBasePath names the next.config file of the project that mentions
// basePath, "" when none does (a route handler's request URL starts with
// the basePath).
func nextBasePath(fsys fs.FS) string {
	for _, name := range []string{"next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs", "next.config.mts"} {
		if b, err := fs.ReadFile(fsys, name); err == nil && bytes.Contains(b, []byte("basePath")) {
			return name
		}
	}
	return ""
}

// corsInstance is a module-level cors instance of a project module.
type corsInstance struct {
	o   corsOptions
	why string // the options routemod cannot read ("" when it can)
}

// readLibModules parses the modules of src (the files outside pages/)
// that name cors, runMiddleware or a Context, once each; nil when there
// are none.
func readLibModules(src map[string][]byte) *libModules {
	var cm *libModules
	var parser *codemod.Parser
	defer func() {
		if parser != nil {
			parser.Close()
		}
	}()
	for path, text := range src {
		if !bytes.Contains(text, []byte("cors")) && !bytes.Contains(text, []byte("runMiddleware")) && !bytes.Contains(text, []byte("Context")) {
			continue
		}
		ext := path[strings.LastIndexByte(path, '.')+1:]
		if ext != "ts" && ext != "tsx" && ext != "js" && ext != "jsx" && ext != "mjs" && ext != "mts" {
			continue
		}
		if parser == nil {
			parser = codemod.NewParser()
		}
		ts := ext == "ts" || ext == "mts" || ext == "tsx"
		root, err := parser.Parse(text, !ts || ext == "tsx")
		if err != nil || root == nil {
			continue
		}
		m := newMigration(&codemod.File{Path: path, Src: text, Root: root, TypeScript: ts, Style: codemod.DetectStyle(text)})
		if cm == nil {
			cm = newLibModules()
		}
		m.readLibModule(cm)
	}
	return cm
}

// readLibModule records the module's cors instances and functions.
func (m *migration) readLibModule(cm *libModules) {
	corsLocal := ""
	for _, imp := range m.module().Imports {
		if imp.Kind == project.Static && !imp.Type && imp.Spec == "cors" && imp.Default != "" {
			corsLocal = imp.Default
		}
	}
	for _, st := range m.f.Root.Children {
		d := st
		if st.Kind == "export_statement" {
			if d = st.ChildByField("declaration"); d == nil {
				continue
			}
		}
		switch d.Kind {
		case "function_declaration":
			if n := d.ChildByField("name"); n != nil {
				k := helperKey{m.f.Path, m.text(n)}
				cm.runners[k], cm.contexts[k] = m.docsRunner(d), m.fetchContextWhy(d)
			}
		case "lexical_declaration":
			for _, v := range d.NamedChildren() {
				n, val := v.ChildByField("name"), codemod.Unparen(v.ChildByField("value"))
				if v.Kind != "variable_declarator" || n == nil || n.Kind != "identifier" || val == nil {
					continue
				}
				switch {
				case val.Kind == "arrow_function" || val.Kind == "function_expression" || val.Kind == "function":
					k := helperKey{m.f.Path, m.text(n)}
					cm.runners[k], cm.contexts[k] = m.docsRunner(val), m.fetchContextWhy(val)
				case val.Kind == "call_expression" && corsLocal != "" && strings.HasPrefix(m.text(d), "const") &&
					isIdent(m.src, val.ChildByField("function"), corsLocal) && m.bindingScopeIsModule(val.ChildByField("function"), corsLocal):
					cm.instances[helperKey{m.f.Path, m.text(n)}] = m.corsInstanceOf(val)
				}
			}
		}
	}
}

// bindingScopeIsModule reports whether the name at n is bound at module
// level (the import), not shadowed by a local.
func (m *migration) bindingScopeIsModule(n *Node, name string) bool {
	s := bindingScope(m.src, n, name)
	return s == nil || s.Kind == "program"
}

// corsInstanceOf reads Cors(options) of the module: an object literal, a
// module-level const naming one, or no argument (cors' defaults).
func (m *migration) corsInstanceOf(call *Node) corsInstance {
	a := callArgs(call)
	var opts *Node
	switch len(a) {
	case 0:
		opts = &Node{Kind: "object"}
	case 1:
		opts = m.moduleObject(a[0])
	}
	if opts == nil {
		return corsInstance{why: "its options are not an object literal in " + m.f.Path}
	}
	o, why := m.readCorsOptions(opts)
	return corsInstance{o: o, why: why}
}

// docsRunner says why fn is not the Next.js docs' runMiddleware ("" when
// it is): a function of (req, res, fn) that calls fn with its first two
// parameters and a callback.
func (m *migration) docsRunner(fn *Node) string {
	ps := paramNodes(fn)
	if len(ps) != 3 {
		return "runMiddleware does not take (req, res, fn)"
	}
	name := func(p *Node) string {
		if n := p.ChildByField("pattern"); n != nil {
			p = n
		}
		return m.text(p)
	}
	r, s, f := name(ps[0]), name(ps[1]), name(ps[2])
	found := false
	fn.Walk(func(n *Node) bool {
		if n.Kind == "call_expression" && isIdent(m.src, n.ChildByField("function"), f) {
			a := callArgs(n)
			found = found || len(a) == 3 && isIdent(m.src, a[0], r) && isIdent(m.src, a[1], s)
		}
		return !found
	})
	if !found {
		return "this runMiddleware does not call its middleware with (req, res, callback)"
	}
	return ""
}

// importedFrom returns the project module and export name that the
// route's local name is imported from (import { cors as c } from
// "@/lib/middleware": lib/middleware.ts, cors), followed through
// re-exports to the module that defines it.
func (m *migration) importedFrom(local string) (file, name string, ok bool) {
	for _, imp := range m.module().Imports {
		if imp.Kind != project.Static || imp.Type {
			continue
		}
		for _, n := range imp.Names {
			if n.Local != local || n.Type {
				continue
			}
			target, _ := m.ix.Resolve(m.f.Path, imp.Spec)
			if target == "" {
				return "", "", false
			}
			return m.ix.Definition(target, n.Name)
		}
	}
	return "", "", false
}
