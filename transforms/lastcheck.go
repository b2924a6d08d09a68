package transforms

import (
	"fmt"
	"slices"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// written is one function compose wrote, with the names its pages
// parameters had: req is now its NextRequest, res is gone.
//
// layers is set for a wrapper's app version: name is the wrapper, and the
// function checked is the request handler it returns, that many calls
// down (see appWrapper).
type written struct {
	name, req, res string
	// reader is set for a request-reading or header-setting helper: it
	// returns what it read, or nothing, not a Response.
	reader bool
	layers int
}

// lastCheck returns the net under every rule, run on the final output (see
// codemod.File.Check). In each function routemod wrote, any reference to
// the removed res, or to req used as the pages request, that no marker
// covers gets one, so the file is reported needs-review. It reads only the
// output tree and the names above, never what the rules did:
//
//	helper({ req, res })          (no rule saw it)  => TODO(routemod) above it
//	req.socket.remoteAddress      (no rule saw it)  => TODO(routemod) above it
//	fetch(u).then((res) => res.json())              => unchanged: that res is the callback's
func (m *migration) lastCheck() func(out *codemod.File) {
	takesReq := map[string]bool{} // converted helpers: they take the NextRequest
	for _, fr := range m.helpers {
		if fr.h.reqIndex >= 0 {
			takesReq[fr.h.name] = true
			if fr.call != "" {
				takesReq[fr.call] = true // getUserApp(req): the app version beside getUser
			}
		}
	}
	for _, fr := range m.remote {
		if fr != nil && fr.h.reqIndex >= 0 {
			takesReq[fr.h.name] = true
			if fr.call != "" {
				takesReq[fr.call] = true
			}
		}
	}
	for n := range m.wrapped {
		takesReq[n] = true // a wrapper's app version hands it to the route handler it wraps
	}
	if m.chain != nil && m.chain.onError != nil && m.chain.onError.h.reqIndex >= 0 {
		takesReq[m.chain.onError.h.name] = true // a next-connect router's onError, converted: return onError(err, req)
	}
	// an edge route's req was a Web Request already
	return netCheck(append([]written(nil), m.written...), takesReq, m.reqOptionOf, m.edgeRuntime(), m.fresh["status"])
}

// netCheck is lastCheck on plain data: the functions written, the helpers
// that take the NextRequest, the library calls that take it as their
// options' req (getToken({ req })), whether req was a Web Request already,
// and the local routemod keeps the status in ("" when none).
func netCheck(fns []written, takesReq, reqOption map[string]bool, edge bool, statusVar string) func(out *codemod.File) {
	return func(out *codemod.File) {
		c := &checker{src: out.Src, takesReq: takesReq, reqOption: reqOption, found: map[*Node][]string{}}
		named := map[string][]int{} // the functions written, by name (a statement asks only those it declares)
		for k, w := range fns {
			named[w.name] = append(named[w.name], k)
		}
		var ks []int
		for _, st := range out.Root.Children {
			decl := st
			if st.Kind == "export_statement" {
				if d := st.ChildByField("declaration"); d != nil {
					decl = d
				}
			}
			ks = ks[:0]
			for _, name := range declaredNames(c.src, decl) {
				ks = append(ks, named[name]...)
			}
			slices.Sort(ks)
			for _, k := range slices.Compact(ks) {
				w := fns[k]
				decl := writtenFunc(c.src, decl, w)
				if decl == nil {
					continue
				}
				if w.res != "" {
					references(c.src, decl, w.res, func(r *Node) {
						c.report(r, fmt.Sprintf("%s here is the pages response object, which this route handler no longer has: build and return a Response instead", w.res))
					})
				}
				if w.req != "" && !edge {
					references(c.src, decl, w.req, func(r *Node) {
						if why := c.reqProblem(r, w.req); why != "" {
							c.report(r, why)
						}
					})
				}
				if !w.reader {
					c.checkResponses(decl, statusVar)
				}
				break
			}
		}
		for _, st := range c.order {
			out.Todo(st.Start, "%s (found by routemod's last check)", strings.Join(c.found[st], "; "))
		}
	}
}

// checker collects the last check's findings, one marker per statement.
type checker struct {
	src      []byte
	takesReq map[string]bool
	// reqOption are library calls taking the NextRequest as { req }.
	reqOption map[string]bool
	found     map[*Node][]string
	order     []*Node
}

func (c *checker) text(n *Node) string {
	if n == nil {
		return ""
	}
	return string(c.src[n.Start:n.End])
}

// report notes why at the statement holding r, unless a marker covers it.
func (c *checker) report(r *Node, why string) {
	c.reportAt(enclosingStatement(r), r, why)
}

// covered reports whether a routemod marker stands on the statement st
// before r, or in the comment lines right above it.
func (c *checker) covered(st, r *Node) bool {
	ls := codemod.LineStart(c.src, st.Start)
	if strings.Contains(string(c.src[ls:r.Start]), codemod.TodoMarker) {
		return true
	}
	for ls > 0 {
		prev := codemod.LineStart(c.src, ls-1)
		line := strings.TrimSpace(string(c.src[prev:ls]))
		if !strings.HasPrefix(line, "//") && !strings.HasPrefix(line, "/*") && !strings.HasPrefix(line, "*") {
			return false
		}
		if strings.Contains(line, codemod.TodoMarker) {
			return true
		}
		ls = prev
	}
	return false
}

// requestMembers are the members of a NextRequest that mean what the code
// reading them expects; headers and cookies are judged by what is read.
// url and body exist on both, with other meanings (an absolute URL, a stream).
var requestMembers = map[string]bool{"method": true, "nextUrl": true, "json": true, "text": true, "formData": true,
	"arrayBuffer": true, "blob": true, "bytes": true, "signal": true, "clone": true, "bodyUsed": true}

var headersMembers = map[string]bool{"get": true, "has": true, "entries": true, "keys": true, "values": true, "forEach": true, "getSetCookie": true}

var cookiesMembers = map[string]bool{"get": true, "getAll": true, "has": true, "size": true}

// reqProblem says why a reference to the route handler's request still
// treats it as the pages request, or "" when it uses a NextRequest.
//
//	req.method, req.nextUrl..., req.headers.get("x"), await req.json() => ""
//	req.socket, req.on(...), req.pipe(x), req.query, req.headers.cookie  => marked
//	getSession({ req }), verify(req), { ...req }, [req]                  => marked (unless verify is a converted helper)
func (c *checker) reqProblem(r *Node, req string) string {
	whole := fmt.Sprintf("%s is used here as the pages request; it is now a NextRequest (a Web Request), not a Node IncomingMessage: check this use", req)
	if c.inReqOption(r) {
		return "" // getToken({ req }): a library row found it takes the NextRequest
	}
	if r.Kind == "shorthand_property_identifier" {
		return whole
	}
	p := r.Parent
	switch {
	case p == nil:
		return whole
	case (p.Kind == "member_expression" || p.Kind == "subscript_expression") && r.Field == "object":
		_, prop, ok := member(c.src, p)
		if !ok || p.Kind == "subscript_expression" {
			return fmt.Sprintf("%s[...] is a computed read of the request; it is now a NextRequest", req)
		}
		switch {
		case requestMembers[prop]:
			return ""
		case prop == "headers":
			return c.keyedProblem(p, req, "headers", headersMembers)
		case prop == "cookies":
			return c.keyedProblem(p, req, "cookies", cookiesMembers)
		}
		return fmt.Sprintf("%s.%s is a pages request (Node IncomingMessage) member; %s is now a NextRequest", req, prop, req)
	case p.Kind == "arguments":
		if callee := p.Parent.ChildByField("function"); callee != nil && c.takesReq[c.text(callee)] {
			return ""
		}
		return whole
	case p.Kind == "variable_declarator" && r.Field == "value":
		if pat := p.ChildByField("name"); pat != nil && pat.Kind == "object_pattern" {
			for _, e := range pat.NamedChildren() {
				key := ""
				switch e.Kind {
				case "shorthand_property_identifier_pattern":
					key = c.text(e)
				case "object_assignment_pattern":
					key = c.text(e.ChildByField("left"))
				case "pair_pattern":
					key = c.text(e.ChildByField("key"))
				}
				if !requestMembers[key] {
					return fmt.Sprintf("%s is destructured as the pages request (%s); it is now a NextRequest", req, strings.Join(strings.Fields(c.text(pat)), " "))
				}
			}
			return ""
		}
	}
	return whole
}

// inReqOption reports whether r is the req of the options object that is
// the only argument of a call in c.reqOption: f({ req }), f({ req: req }).
func (c *checker) inReqOption(r *Node) bool {
	obj := r.Parent
	if obj != nil && obj.Kind == "pair" && r.Field == "value" && c.text(obj.ChildByField("key")) == "req" {
		obj = obj.Parent
	} else if r.Kind != "shorthand_property_identifier" || c.text(r) != "req" {
		return false
	}
	if obj == nil || obj.Kind != "object" || obj.Parent == nil || obj.Parent.Kind != "arguments" {
		return false
	}
	call := obj.Parent.Parent
	return len(callArgs(call)) == 1 && c.reqOption[c.text(call.ChildByField("function"))]
}

// keyedProblem judges a use of req.headers or req.cookies (mem): only
// their Web methods, or the whole Headers handed to what takes one.
func (c *checker) keyedProblem(mem *Node, req, what string, methods map[string]bool) string {
	p := mem.Parent
	if p != nil && p.Kind == "member_expression" && mem.Field == "object" {
		if _, prop, _ := member(c.src, p); methods[prop] {
			return ""
		}
	}
	if what == "headers" && p != nil {
		switch {
		case p.Kind == "arguments":
			call := p.Parent
			callee := c.text(call.ChildByField("function"))
			if call.Kind == "new_expression" {
				callee = "new " + c.text(call.ChildByField("constructor"))
			}
			if callee == "new Headers" || callee == "Object.fromEntries" {
				return ""
			}
		case p.Kind == "for_in_statement" && mem.Field == "right":
			return "" // for (const [k, v] of req.headers)
		case p.Kind == "spread_element" && p.Parent != nil && p.Parent.Kind == "array":
			return ""
		}
	}
	kind := map[string]string{"headers": "Headers", "cookies": "RequestCookies"}[what]
	return fmt.Sprintf("%s.%s is read as the pages object; it is now a Web %s read with .get(name)", req, what, kind)
}

// declaredNames lists the names a module-level declaration declares, the
// only ones writtenFunc can find in it.
func declaredNames(src []byte, decl *Node) []string {
	switch decl.Kind {
	case "function_declaration":
		return []string{decl.ChildByField("name").Text(src)}
	case "lexical_declaration", "variable_declaration":
		var names []string
		for _, d := range decl.NamedChildren() {
			if n := codemod.Unparen(d.ChildByField("name")); d.Kind == "variable_declarator" && n != nil && n.Kind == "identifier" {
				names = append(names, n.Text(src))
			}
		}
		return names
	}
	return nil
}

// writtenFunc returns the function w names in the module-level declaration
// decl, nil when decl is not it:
//
//	function GET(req) {...}                                  => itself
//	const GET = withAuth(async function GET(req) {...})      => the function expression (a wrapped export)
//	function withAuth(h) { return async (req, ctx) => {...} } => the arrow, w.layers calls down (a wrapper's app version)
func writtenFunc(src []byte, decl *Node, w written) *Node {
	var fn *Node
	switch decl.Kind {
	case "function_declaration":
		if decl.ChildByField("name").Text(src) == w.name {
			fn = decl
		}
	case "lexical_declaration", "variable_declaration":
		for _, d := range decl.NamedChildren() {
			if d.Kind != "variable_declarator" || !isIdent(src, d.ChildByField("name"), w.name) {
				continue
			}
			v := codemod.Unparen(d.ChildByField("value"))
			if v == nil {
				return nil
			}
			if w.layers > 0 {
				fn = v
				break
			}
			// withA(withB(async function GET(req) {...})): the function named as the export
			v.Walk(func(n *Node) bool {
				if fn == nil && (n.Kind == "function_expression" || n.Kind == "function") && isIdent(src, n.ChildByField("name"), w.name) {
					fn = n
				}
				return fn == nil
			})
		}
	}
	for i := 0; fn != nil && i < w.layers; i++ {
		fn = returnedFunction(fn.ChildByField("body"))
	}
	return fn
}
