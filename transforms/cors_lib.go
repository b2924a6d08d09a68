package transforms

import (
	"fmt"
	"strings"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/libraries"
)

// corsOptions is what the cors middleware (expressjs/cors 2.x,
// lib/index.js) answers for a literal options object.
type corsOptions struct {
	origin      string // "*" or one fixed origin (then Vary: Origin)
	methods     string // Access-Control-Allow-Methods on a preflight
	allowed     string // Access-Control-Allow-Headers; "" reflects the request's
	exposed     string
	credentials bool
	maxAge      string
	status      string // optionsSuccessStatus
}

// libCors rewrites a CORS middleware run as the handler's first
// statement, which answered every request with the Access-Control-*
// headers and the preflight (OPTIONS) itself, before the handler's code:
//
//	await runMiddleware(req, res, cors)  (const cors = Cors({ origin: "*" }), the Next.js docs' runMiddleware)
//	await NextCors(req, res, { origin: "*" })  (nextjs-cors)
//	  => headers.set("Access-Control-Allow-Origin", "*") (every response of the route carries them)
//	     + export async function OPTIONS(req) { ...; return new Response(null, { status: 204, headers }) }
//
// Next.js answers OPTIONS itself with Allow alone, so the preflight
// answer must be an export of its own. Options routemod cannot read
// (a function or a list of origins, preflightContinue) leave the call
// marked.
func (m *migration) libCors() {
	p := m.corsPlanned()
	if p == nil {
		return
	}
	call, st, args := p.call, p.st, p.args
	if p.runnerWhy != "" {
		m.f.Todo(st.Start, "%s runs cors before the handler; routemod translates it only with the Next.js docs' runMiddleware: %s", m.text(call), p.runnerWhy)
		m.takeRefs(args[0], args[1])
		return
	}
	if !m.libSupports(call, p.row, args[0], args[1]) {
		return
	}
	if p.why != "" {
		m.f.Todo(st.Start, "%s answered CORS (its Access-Control-* headers on every response, and the OPTIONS preflight itself), and routemod cannot read its options (%s): set the same headers on each response and export an OPTIONS that answers the preflight by hand", m.text(call), p.why)
		m.takeRefs(args[0], args[1])
		return
	}
	o := p.o
	m.takeRefs(args[0], args[1])
	if p.imported {
		// import { cors, runMiddleware } from "@/lib/middleware" (now unused) => removed
		m.libDropped = map[string]bool{m.text(call.ChildByField("function")): true, m.text(args[2]): true}
	}
	// every response: the headers cors set before the handler ran
	for _, fn := range m.scopesAt(st.Start) {
		fn.headersVar = true
	}
	m.varsAt(st.Start)
	hd, semi := m.headersName(), m.semi()
	lines := corsLines(o, hd, semi, false, "")
	m.f.Replace(st.Start, st.End, strings.Join(lines, m.f.Style.EOL+codemod.IndentAt(m.src, st.Start)))
	// the preflight: cors answered it before the handler ran
	var keep []*outFunc
	for _, fn := range m.funcs {
		var ms []string
		for _, meth := range fn.methods {
			if meth != "OPTIONS" {
				ms = append(ms, meth)
			}
		}
		if fn.methods = ms; len(ms) > 0 {
			keep = append(keep, fn)
		}
	}
	pre := append([]string{"const " + hd + " = new Headers()" + semi}, corsLines(o, hd, semi, true, m.h.req)...)
	pre = append(pre, "return new Response(null, { status: "+o.status+", "+prop("headers", hd)+" })"+semi)
	m.funcs = append(keep, &outFunc{methods: []string{"OPTIONS"}, lines: pre})
	m.f.Note("%s(...) became the Access-Control-* headers cors set, on every response, and an OPTIONS export answering the preflight as cors did (status %s; Next.js's own OPTIONS answer has no CORS headers)%s", m.text(call.ChildByField("function")), o.status, p.runnerNote)
}

// corsPlan is a CORS middleware run found as the handler's first
// statement (see libCors).
type corsPlan struct {
	st, call   *Node
	args       []*Node
	row        libraries.Row
	o          corsOptions
	why        string // the options routemod cannot read
	runnerNote string // an imported runMiddleware, taken to be the docs' helper
	runnerWhy  string // a runMiddleware that is not the docs' helper
	imported   bool   // the cors instance is imported from a module of the project
}

// translated reports whether libCors writes the plan's headers and
// OPTIONS export: the handler itself then does not serve OPTIONS.
func (m *migration) corsTranslated() bool {
	p := m.corsPlanned()
	if p == nil || p.why != "" || p.runnerWhy != "" {
		return false
	}
	in := m.ix.Installed(p.row.Package)
	ok, _ := p.row.Supports(in.Version, in.From, m.f.NextMajor)
	return ok
}

// corsPlanned finds the CORS middleware run of the handler's first
// statement, nil when there is none; it only reads.
func (m *migration) corsPlanned() *corsPlan {
	if m.h == nil || m.h.helper {
		return nil // a helper's frame: the handler's first statement is not in it
	}
	if m.cors != nil {
		return *m.cors
	}
	p := m.findCors()
	m.cors = &p
	return p
}

func (m *migration) findCors() *corsPlan {
	if m.h.fn == nil {
		return nil
	}
	body := m.h.fn.ChildByField("body")
	if body == nil || body.Kind != "statement_block" {
		return nil
	}
	stmts := statements(body)
	if len(stmts) == 0 || stmts[0].Kind != "expression_statement" {
		return nil
	}
	st := stmts[0]
	aw := codemod.Unparen(st.NamedChildren()[0])
	if aw == nil || aw.Kind != "await_expression" || len(aw.NamedChildren()) != 1 {
		return nil
	}
	call := codemod.Unparen(aw.NamedChildren()[0])
	if call.Kind != "call_expression" {
		return nil
	}
	callee := call.ChildByField("function")
	args := callArgs(call)
	if callee == nil || callee.Kind != "identifier" || len(args) != 3 ||
		!isIdent(m.src, args[0], m.h.req) || !isIdent(m.src, args[1], m.h.res) {
		return nil
	}
	bound := libraryImports(m.module())
	p := &corsPlan{st: st, call: call, args: args}
	var opts *Node
	if r, ok := bound[m.text(callee)]; ok && r.Package == "nextjs-cors" {
		p.row, opts = r, m.moduleObject(args[2])
	} else if m.text(callee) == "runMiddleware" {
		mw := codemod.Unparen(args[2])
		if mw.Kind == "identifier" {
			if c := m.moduleConst(m.text(mw)); c != nil {
				mw = c
			} else if in, from, ok := m.importedCors(m.text(mw)); ok {
				// import { cors } from "@/lib/middleware" (export const cors = Cors({...}) there)
				p.row, _ = libraries.Lookup("cors", "default")
				p.o, p.why, p.imported = in.o, in.why, true
				if p.why != "" {
					p.why += ", in " + from
				}
				p.runnerNote, p.runnerWhy = m.runMiddlewareKind()
				p.runnerNote = "; its cors instance, " + m.text(args[2]) + ", is the Cors(...) of " + from + ", whose options routemod read there" + p.runnerNote
				return p
			}
		}
		if mw == nil || mw.Kind != "call_expression" {
			return nil
		}
		fn := mw.ChildByField("function")
		r, ok := bound[m.text(fn)]
		if fn == nil || !ok || r.Package != "cors" {
			return nil
		}
		p.row = r
		if a := callArgs(mw); len(a) == 0 {
			opts = &Node{Kind: "object"} // Cors(): the defaults
		} else if len(a) == 1 {
			opts = m.moduleObject(a[0])
		}
		p.runnerNote, p.runnerWhy = m.runMiddlewareKind()
	} else {
		return nil
	}
	p.why = "its options are not an object literal in this file"
	if opts != nil {
		p.o, p.why = m.readCorsOptions(opts)
	}
	return p
}

// corsLines writes the headers cors sets: on every answer, or on the
// preflight (with the request's name req, for the headers it reflects).
func corsLines(o corsOptions, hd, semi string, preflight bool, req string) []string {
	set := func(k, v string) string { return fmt.Sprintf("%s.set(%q, %q)%s", hd, k, v, semi) }
	out := []string{set("Access-Control-Allow-Origin", o.origin)}
	if o.origin != "*" {
		out = append(out, fmt.Sprintf("%s.append(\"Vary\", \"Origin\")%s", hd, semi))
	}
	if o.credentials {
		out = append(out, set("Access-Control-Allow-Credentials", "true"))
	}
	if preflight {
		out = append(out, set("Access-Control-Allow-Methods", o.methods))
		if o.allowed != "" {
			out = append(out, set("Access-Control-Allow-Headers", o.allowed))
		} else {
			out = append(out,
				fmt.Sprintf("%s.append(\"Vary\", \"Access-Control-Request-Headers\")%s", hd, semi),
				fmt.Sprintf("if (%s.headers.has(\"access-control-request-headers\")) %s.set(\"Access-Control-Allow-Headers\", %s.headers.get(\"access-control-request-headers\") ?? \"\")%s", req, hd, req, semi))
		}
		if o.maxAge != "" {
			out = append(out, set("Access-Control-Max-Age", o.maxAge))
		}
	}
	if o.exposed != "" {
		out = append(out, set("Access-Control-Expose-Headers", o.exposed))
	}
	return out
}

// readCorsOptions reads a cors options object; why says what it cannot.
func (m *migration) readCorsOptions(obj *Node) (corsOptions, string) {
	o := corsOptions{origin: "*", methods: "GET,HEAD,PUT,PATCH,POST,DELETE", status: "204"}
	list := func(v *Node) (string, bool) {
		if s, ok := stringValue(m.src, v); ok {
			return s, true
		}
		if v.Kind != "array" {
			return "", false
		}
		var parts []string
		for _, e := range v.NamedChildren() {
			s, ok := stringValue(m.src, e)
			if !ok {
				return "", false
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, ","), true
	}
	for _, p := range obj.NamedChildren() {
		if p.Kind == "comment" {
			continue
		}
		if p.Kind != "pair" {
			return o, "a spread or a method in them"
		}
		key := strings.Trim(m.text(p.ChildByField("key")), `"'`)
		v := codemod.Unparen(p.ChildByField("value"))
		switch key {
		case "origin":
			s, ok := stringValue(m.src, v)
			if !ok || s == "" {
				return o, "origin " + m.text(v) + " is not one fixed origin or \"*\""
			}
			o.origin = s
		case "methods", "allowedHeaders", "headers", "exposedHeaders":
			s, ok := list(v)
			if !ok {
				return o, key + " " + m.text(v) + " is not a string or a list of strings"
			}
			switch key {
			case "methods":
				o.methods = s
			case "exposedHeaders":
				o.exposed = s
			default:
				if o.allowed == "" {
					o.allowed = s // allowedHeaders || headers
				}
			}
		case "credentials":
			switch m.text(v) {
			case "true":
				o.credentials = true
			case "false":
			default:
				return o, "credentials " + m.text(v) + " is not true or false"
			}
		case "maxAge", "optionsSuccessStatus":
			if v.Kind != "number" {
				return o, key + " " + m.text(v) + " is not a number"
			}
			if key == "maxAge" {
				o.maxAge = m.text(v)
			} else {
				o.status = m.text(v)
			}
		case "preflightContinue":
			if m.text(v) != "false" {
				return o, "preflightContinue " + m.text(v) + " lets the handler answer the preflight"
			}
		default:
			return o, "the option " + key
		}
	}
	if o.methods == "" {
		return o, "methods is empty"
	}
	return o, ""
}

// moduleObject returns the object literal n is, or the one a module-level
// const n names; nil otherwise.
func (m *migration) moduleObject(n *Node) *Node {
	n = codemod.Unparen(n)
	if n.Kind == "identifier" {
		n = m.moduleConst(m.text(n))
	}
	if n == nil || n.Kind != "object" {
		return nil
	}
	return n
}

// moduleConst returns the initializer of the module-level const name
// (export const too), nil when there is none.
func (m *migration) moduleConst(name string) *Node {
	for _, st := range m.f.Root.Children {
		d := st
		if st.Kind == "export_statement" {
			if d = st.ChildByField("declaration"); d == nil {
				continue
			}
		}
		if d.Kind != "lexical_declaration" || !strings.HasPrefix(m.text(d), "const") {
			continue
		}
		for _, v := range d.NamedChildren() {
			if n := v.ChildByField("name"); v.Kind == "variable_declarator" && n != nil && m.text(n) == name {
				return codemod.Unparen(v.ChildByField("value"))
			}
		}
	}
	return nil
}

// runMiddlewareKind checks the file's runMiddleware: the Next.js docs'
// helper, a module-level function of this file or of the project module
// it is imported from that calls its third parameter with its first two
// and a callback (then a note names that module); or one imported from a
// module routemod did not read (then a note says routemod takes it to be
// that helper). why says why it is not known.
func (m *migration) runMiddlewareKind() (note, why string) {
	if _, fn := m.topLevelFunction("runMiddleware"); fn != nil {
		return "", m.docsRunner(fn)
	}
	for _, imp := range m.module().Imports {
		for _, n := range imp.Names {
			if n.Local == "runMiddleware" && !n.Type {
				file, _ := m.ix.Resolve(m.f.Path, imp.Spec)
				if file == "" {
					continue
				}
				if df, name, ok := m.ix.Definition(file, n.Name); ok && m.libMods != nil {
					if why, read := m.libMods.runners[helperKey{df, name}]; read {
						if why != "" {
							return "", why + " (" + df + ")"
						}
						return "; runMiddleware, imported from " + df + ", is the Next.js docs' helper (it calls the middleware with (req, res, callback))", ""
					}
				}
				return "; runMiddleware, imported from " + file + ", is taken to be the Next.js docs' helper (it runs a middleware and waits for its callback)", ""
			}
		}
	}
	return "", "runMiddleware is neither defined in this file nor imported from the project"
}

// importedCors returns the cors instance the route's local name is
// imported as, and the module that defines it, when that module defines
// it at module level as Cors(options) (see libModules).
func (m *migration) importedCors(local string) (corsInstance, string, bool) {
	if m.libMods == nil {
		return corsInstance{}, "", false
	}
	file, name, ok := m.importedFrom(local)
	if !ok {
		return corsInstance{}, "", false
	}
	in, ok := m.libMods.instances[helperKey{file, name}]
	return in, file, ok
}
