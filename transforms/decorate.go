package transforms

import (
	"slices"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// Request decorations: a project wrapper that sets a property on the pages
// request before it calls the handler (req.user = user) hands it on, in its
// route-handler version, as one more argument, an object of what it set;
// the routes it wraps read that argument where they read the request.
//
//	(req as AuthedRequest).user = user; return handler(req as AuthedRequest, res)
//	=> return handler(req, ctx, { user })
//	withAuth(async (req, res) => { res.json(req.user) })
//	=> export const GET = withAuth(async function GET(req: NextRequest, _ctx: unknown, { user }) { return Response.json(user) })

// decoration is one property a wrapper sets on the request.
type decoration struct {
	prop  string
	stmt  *Node // the statement that sets it
	value *Node // the value it sets
	// typ is the request type it is set through ((req as AuthedRequest).user:
	// AuthedRequest), "" when none.
	typ string
	// reqs are the references to req in what stmt sets (not in the value).
	reqs []*Node
}

// pagesReqMembers are the members a pages request has already: a wrapper
// that sets one changes the request, it does not decorate it.
var pagesReqMembers = map[string]bool{
	"body": true, "query": true, "cookies": true, "headers": true, "method": true, "url": true,
	"socket": true, "connection": true, "env": true, "preview": true, "previewData": true,
	"draftMode": true, "rawHeaders": true, "trailers": true, "httpVersion": true, "aborted": true,
	"complete": true, "statusCode": true, "statusMessage": true,
}

// throughReq reports whether n is the request req, bare or cast ((req as
// T), req!, req satisfies T), and the outermost type it is cast to.
func throughReq(src []byte, n *Node, req string) (bool, string) {
	typ := ""
	for n != nil {
		n = codemod.Unparen(n)
		switch n.Kind {
		case "as_expression", "satisfies_expression":
			if typ == "" && n.Kind == "as_expression" {
				if t := n.NamedChildren(); len(t) == 2 {
					typ = string(src[t[1].Start:t[1].End])
				}
			}
			n = n.NamedChildren()[0]
		case "non_null_expression":
			n = n.NamedChildren()[0]
		default:
			return isIdent(src, n, req), typ
		}
	}
	return false, ""
}

// readDecorations reads what the request handler fn of a wrapper sets on
// its request req before call, its call of the handler (nil: what a guard
// helper fn sets, see guardDecoration). It returns why
// routemod cannot hand that on ("" when it can, or when fn sets nothing):
// every setting must be a statement of its own in the block of the call,
// before it.
//
//	req.user = user; (req as T).user = user; Object.assign(req, { user, role: r })
func readDecorations(src []byte, fn *Node, req string, call *Node) ([]decoration, string) {
	var callStmt *Node
	if call != nil {
		callStmt = enclosingStatement(call)
	}
	var decs []decoration
	why := ""
	add := func(d decoration, at, target *Node) {
		st := at.Parent
		switch {
		case st == nil || st.Kind != "expression_statement" || call != nil && (callStmt == nil || st.Parent != callStmt.Parent || st.End > callStmt.Start):
			why = "it sets req." + d.prop + " where routemod cannot see it reach the handler"
		case slices.ContainsFunc(decs, func(e decoration) bool { return e.prop == d.prop }):
			why = "it sets req." + d.prop + " twice"
		}
		d.stmt = st
		if st != nil {
			target.Walk(func(n *Node) bool {
				if isIdent(src, n, req) {
					d.reqs = append(d.reqs, n)
				}
				return true
			})
		}
		decs = append(decs, d)
	}
	fn.ChildByField("body").Walk(func(n *Node) bool {
		if why != "" {
			return false
		}
		switch n.Kind {
		case "assignment_expression":
			obj, prop, ok := member(src, n.ChildByField("left"))
			if !ok {
				return true
			}
			if is, typ := throughReq(src, obj, req); is && !pagesReqMembers[prop] {
				add(decoration{prop: prop, value: n.ChildByField("right"), typ: typ}, n, obj)
			}
		case "call_expression":
			// Object.assign(req, { user, role: r })
			c, args := n.ChildByField("function"), callArgs(n)
			if c == nil || strings.ReplaceAll(string(src[c.Start:c.End]), " ", "") != "Object.assign" || len(args) == 0 {
				return true
			}
			is, typ := throughReq(src, args[0], req)
			if !is {
				return true
			}
			if len(args) != 2 || codemod.Unparen(args[1]).Kind != "object" {
				why = "it copies onto req what routemod cannot name"
				return false
			}
			for _, p := range codemod.Unparen(args[1]).NamedChildren() {
				switch p.Kind {
				case "comment":
				case "shorthand_property_identifier":
					add(decoration{prop: string(src[p.Start:p.End]), value: p, typ: typ}, n, args[0])
				case "pair":
					k := p.ChildByField("key")
					if k == nil || k.Kind != "property_identifier" {
						why = "it copies onto req what routemod cannot name"
						return false
					}
					add(decoration{prop: string(src[k.Start:k.End]), value: p.ChildByField("value"), typ: typ}, n, args[0])
				default:
					why = "it copies onto req what routemod cannot name"
					return false
				}
			}
			return false
		}
		return true
	})
	if why != "" {
		return nil, why
	}
	for _, d := range decs {
		if d.stmt.NamedChildren()[0].Kind == "call_expression" && !constLocal(src, fn, d.value) {
			// Object.assign(req, { user: load() }): its values are read where the handler is called
			return nil, "it copies onto req values routemod cannot read again where it calls the handler (name them with const first)"
		}
		if pagesReqMembers[d.prop] {
			return nil, "it sets req." + d.prop + ", which the route handler reads from its NextRequest"
		}
	}
	return decs, ""
}

// constLocal reports whether v is a name fn declares once, with const:
// its value where the handler is called is the one it had when set.
func constLocal(src []byte, fn, v *Node) bool {
	if v == nil || v.Kind != "identifier" && v.Kind != "shorthand_property_identifier" {
		return false
	}
	name := string(src[v.Start:v.End])
	if ps, _ := plainParams(src, fn); slices.Contains(ps, name) {
		return false
	}
	count, isConst := 0, false
	fn.ChildByField("body").Walk(func(n *Node) bool {
		if n.Kind == "variable_declarator" && isIdent(src, n.ChildByField("name"), name) {
			count++
			d := n.Parent
			isConst = d != nil && d.Kind == "lexical_declaration" && len(d.Children) > 0 && string(src[d.Children[0].Start:d.Children[0].End]) == "const"
		}
		if declares(src, n, name) && n.Kind != "statement_block" && n != fn {
			count += 2 // a function, class or catch parameter of that name besides
		}
		return true
	})
	return count == 1 && isConst
}

// handOnDecorations rewrites, in a wrapper's request handler, the settings
// of decs into locals and returns the object the call of the handler hands
// on: { user }, { user, role: r }.
//
//	(req as AuthedRequest).user = user;   (user a const) => (removed)
//	req.user = await load(req.headers.x);                 => const user = await load(req.headers.get("x"));
func (m *migration) handOnDecorations(fn *Node, decs []decoration) string {
	var fields []string
	dropped := map[*Node]bool{}
	for _, d := range decs {
		for _, r := range d.reqs {
			m.libTaken[r.Start] = true
		}
		v := d.value
		local := ""
		if constLocal(m.src, fn, v) {
			local = m.text(v)
			if !dropped[d.stmt] {
				dropped[d.stmt] = true
				m.dropStatement(d.stmt)
			}
		} else {
			// req.user = <value> => const user = <value>
			local = m.name("decoration:"+d.prop, identName(d.prop), identName(d.prop)+"Value")
			m.f.Replace(d.stmt.Start, v.Start, "const "+local+m.decorationType(d)+" = ")
		}
		if local == d.prop {
			fields = append(fields, d.prop)
		} else {
			fields = append(fields, propKey(d.prop)+": "+local)
		}
	}
	return "{ " + strings.Join(fields, ", ") + " }"
}

// decorationsType is the TypeScript type of what the wrapper hands on:
// each property typed as the request type it was set through has it.
//
//	(req as AuthedRequest).user = user => { user: AuthedRequest["user"] }
func (m *migration) decorationsType(decs []decoration, callType, paramType string) (string, string) {
	var fields []string
	for _, d := range decs {
		t := d.typ
		if t == "" {
			t = callType
		}
		if t == "" {
			t = paramType
		}
		if t == "" {
			return "", "routemod cannot name the type of req." + d.prop + ", which it hands on"
		}
		if !isTypeName(t) {
			t = "(" + t + ")"
		}
		fields = append(fields, propKey(d.prop)+": "+t+"["+m.quote()+d.prop+m.quote()+"]")
	}
	return "{ " + strings.Join(fields, "; ") + " }", ""
}

// isTypeName reports whether t is a (dotted, generic) type name, which an
// indexed access needs no parentheses around.
func isTypeName(t string) bool {
	depth := 0
	for i, r := range t {
		switch {
		case r == '<':
			depth++
		case r == '>':
			depth--
		case depth > 0:
		case r == '_' || r == '$' || r == '.' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return t != "" && depth == 0
}

// decorUse is a read of a decoration in a route: req.user => user.
type decorUse struct {
	off  int
	prop string
	// guard is set for a read of what a guard helper set: its local is
	// bound in the function, not a parameter.
	guard bool
}

// decorLocal is the local a route reads a decoration from: a parameter of
// the function its wrapper wraps (block nil), or the local the call of a
// decorating guard helper binds, read in block after the test.
type decorLocal struct {
	name  string
	block *Node
	after int
}

// nameDecorations names, for a route whose innermost project wrapper sets
// properties on the request, the local each is read from: the property's
// own name, unless the file spells it already.
func (m *migration) nameDecorations(h *handler) {
	if len(h.wraps) == 0 {
		return
	}
	w := h.wraps[len(h.wraps)-1].w
	for _, p := range w.decorates {
		if h.decor == nil {
			h.decor = map[string]*decorLocal{}
		}
		base := identName(p)
		h.decor[p] = &decorLocal{name: m.name("decoration:"+p, base, "wrapper"+strings.ToUpper(base[:1])+base[1:])}
	}
}

// readDecoration rewrites a read of what the route's wrapper set on the
// request into the local it hands it on in; false when mem is not one.
//
//	req.user.id => user.id
func (m *migration) readDecoration(mem *Node, prop string) bool {
	d, ok := m.h.decor[prop]
	if !ok || inAssignTarget(m, mem) || isDeleted(m, mem) || d.block != nil && (!d.block.Contains(mem) || mem.Start < d.after) {
		return false
	}
	m.f.ReplaceNode(mem, d.name)
	m.h.decorUses = append(m.h.decorUses, decorUse{off: mem.Start, prop: prop, guard: d.block != nil})
	return true
}

// readCastDecoration rewrites a read of a decoration through a cast of
// the request; false when ref is not one.
//
//	(req as AuthRequest).auth.userId => auth.userId
func (m *migration) readCastDecoration(ref *Node) bool {
	if len(m.h.decor) == 0 {
		return false
	}
	n := ref
	for p := n.Parent; p != nil && (p.Kind == "parenthesized_expression" || p.Kind == "as_expression" || p.Kind == "satisfies_expression" || p.Kind == "non_null_expression") && n.Field != "type"; p = n.Parent {
		n = p
	}
	if n == ref || n.Parent == nil || n.Parent.Kind != "member_expression" || n.Field != "object" {
		return false
	}
	_, prop, ok := member(m.src, n.Parent)
	return ok && m.readDecoration(n.Parent, prop)
}

// decorationParam is the parameter an output function takes what its
// wrapper set on the request in, "" when it reads none of it.
//
//	{ user }, { user: wrapperUser }
func (m *migration) decorationParam(fn *outFunc) string {
	var props []string
	for _, u := range m.h.decorUses {
		if u.guard || slices.Contains(props, u.prop) {
			continue
		}
		in := len(m.funcs) == 1
		for _, g := range m.scopesAt(u.off) {
			in = in || g == fn
		}
		if in {
			props = append(props, u.prop)
		}
	}
	if len(props) == 0 {
		return ""
	}
	slices.Sort(props)
	var fields []string
	for _, p := range props {
		if l := m.h.decor[p].name; l == p {
			fields = append(fields, p)
		} else {
			fields = append(fields, propKey(p)+": "+l)
		}
	}
	return "{ " + strings.Join(fields, ", ") + " }"
}

// Middleware helpers that decorate the request: a guard helper (see
// helperguard.go) that sets one property on the request and returns true
// becomes one that returns what it set, or the Response it sent; its
// callers bind that where they tested the result, and read it where they
// read the request's property.
//
//	export async function useAuth(req, res) { ...; if (!token) { res.status(401).json(e); return false; } req.auth = { token }; return true; }
//	  => export async function useAuth(req: NextRequest) { ...; if (!token) { return Response.json(e, { status: 401 }); } const auth = { token }; return auth; }
//	const ok = await useAuth(req, res); if (!ok) return; res.json(req.auth.token)
//	  => const auth = await useAuth(req); if (auth instanceof Response) return auth; return Response.json(auth.token)

// guardDecoration reads the one property the guard helper h sets on its
// request, nil when it sets none; why says why routemod cannot hand it on
// (it sets more than one, elsewhere than a statement of its body, or it
// returns something else than true, or the value it set, after it).
func (m *migration) guardDecoration(h *handler) (*decoration, string) {
	if h.req == "" {
		return nil, ""
	}
	decs, why := readDecorations(m.src, h.fn, h.req, nil)
	if why != "" || len(decs) == 0 {
		return nil, why
	}
	if len(decs) > 1 {
		return nil, "it sets more than one property on req (" + decs[0].prop + ", " + decs[1].prop + ")"
	}
	d := decs[0]
	if d.stmt.Parent != h.body {
		return nil, "it sets req." + d.prop + " inside a block, where routemod cannot see it reach every caller that goes on"
	}
	// every return of a value comes after it, in the body itself, and returns true or that value
	h.fn.Walk(func(n *Node) bool {
		if why != "" {
			return false
		}
		if n != h.fn && strings.Contains(n.Kind, "function") || n.Kind == "method_definition" || n.Kind == "class_declaration" {
			return false
		}
		if n.Kind != "return_statement" {
			return true
		}
		e := n.NamedChildren()
		if len(e) == 0 || e[0].Kind == "comment" || falsyReturn(m.src, n) {
			return false // a failure: it sent first (guardShape)
		}
		v := codemod.Unparen(e[0])
		sameValue := v.Kind == "identifier" && d.value != nil && m.text(v) == m.text(d.value) && constLocal(m.src, h.fn, d.value)
		if n.Parent != h.body || n.Start < d.stmt.End || v.Kind != "true" && !sameValue {
			why = "it returns something else than true after it sets req." + d.prop + ", which its callers would lose"
		}
		return false
	})
	if why != "" {
		return nil, why
	}
	return &d, ""
}

// guardHandsOn rewrites, in a decorating guard helper's app version, the
// setting of the request's property into a local and each return of true
// into a return of it.
//
//	(req as AuthRequest).auth = { token }; return true; => const auth: AuthRequest["auth"] = { token }; return auth;
func (m *migration) guardHandsOn(h *handler, d decoration) {
	if m.libTaken == nil {
		m.libTaken = map[int]bool{}
	}
	for _, r := range d.reqs {
		m.libTaken[r.Start] = true
	}
	local := ""
	if constLocal(m.src, h.fn, d.value) {
		local = m.text(d.value)
		m.dropStatement(d.stmt)
	} else {
		local = m.name("decoration:"+d.prop, identName(d.prop), identName(d.prop)+"Value")
		m.f.Replace(d.stmt.Start, d.value.Start, "const "+local+m.decorationType(d)+" = ")
	}
	h.fn.Walk(func(n *Node) bool {
		if n != h.fn && strings.Contains(n.Kind, "function") || n.Kind == "method_definition" || n.Kind == "class_declaration" {
			return false
		}
		if n.Kind == "return_statement" && n.Parent == h.body {
			if e := n.NamedChildren(); len(e) > 0 && codemod.Unparen(e[0]).Kind == "true" {
				m.f.ReplaceNode(e[0], local) // return true => return auth
			}
		}
		return true
	})
}

// guardIfTest returns the if statement a call of a guard helper is the
// test of, when it stops the caller on failure and is used no other way:
//
//	if (!(await useAuth(req, res))) return;
func guardIfTest(src []byte, call *Node) *Node {
	n := call
	if p := n.Parent; p != nil && p.Kind == "await_expression" {
		n = p
	}
	for n.Parent != nil && n.Parent.Kind == "parenthesized_expression" {
		n = n.Parent
	}
	not := n.Parent
	if not == nil || not.Kind != "unary_expression" || !strings.HasPrefix(string(src[not.Start:not.End]), "!") {
		return nil
	}
	n = not
	for n.Parent != nil && n.Parent.Kind == "parenthesized_expression" && n.Parent.Parent != nil && n.Parent.Parent.Kind == "parenthesized_expression" {
		n = n.Parent
	}
	test := n.Parent
	if test != nil && test.Kind == "parenthesized_expression" {
		test = test.Parent
	}
	if test == nil || test.Kind != "if_statement" || test.ChildByField("alternative") != nil || !test.ChildByField("condition").Contains(not) {
		return nil
	}
	body := test.ChildByField("consequence")
	if body != nil && body.Kind == "statement_block" {
		if st := statements(body); len(st) == 1 {
			body = st[0]
		}
	}
	if body == nil || body.Kind != "return_statement" || len(body.NamedChildren()) > 0 {
		return nil
	}
	if p := test.Parent; p == nil || p.Kind != "statement_block" && p.Kind != "program" {
		return nil
	}
	return test
}

// nameGuardDecorations names, in the route handler, the local each call
// of a decorating guard helper binds what it set on the request, and
// where the handler reads it: after the test, in the block of the call.
// A second call of one that sets the same property names none (its reads
// are marked).
//
//	const ok = await useAuth(req, res); if (!ok) return; ... req.auth => auth, read after the test
func (m *migration) nameGuardDecorations() {
	h := m.h
	seen := map[string]int{}
	var found []*decorLocal
	var props []string
	h.fn.ChildByField("body").Walk(func(n *Node) bool {
		if n.Kind != "call_expression" {
			return true
		}
		fr := m.helperOf(n)
		if fr == nil || fr.h.sets == "" || enclosingFunction(n) != h.fn {
			return true
		}
		var test *Node
		if local, t := guardTestIn(m.src, n, false); t != nil && !m.usedBesidesTest(local, t) {
			test = t
		} else if t := guardIfTest(m.src, n); t != nil {
			test = t
		}
		seen[fr.h.sets]++
		if test == nil {
			return true
		}
		base := identName(fr.h.sets)
		found = append(found, &decorLocal{name: m.name("decoration:"+fr.h.sets, base, base+"Value"), block: test.Parent, after: test.End})
		props = append(props, fr.h.sets)
		return true
	})
	for i, p := range props {
		if seen[p] != 1 {
			continue
		}
		if h.decor == nil {
			h.decor = map[string]*decorLocal{}
		}
		if _, ok := h.decor[p]; !ok {
			h.decor[p] = found[i]
		}
	}
}

// decorationType is the annotation of the local a decoration's value is
// bound to in TypeScript: the type the property had on the request type it
// was set through ("" when none, or in JavaScript).
//
//	(req as AuthRequest).auth = v => const auth: AuthRequest["auth"] = v
func (m *migration) decorationType(d decoration) string {
	if !m.f.TypeScript || d.typ == "" {
		return ""
	}
	t := d.typ
	if !isTypeName(t) {
		t = "(" + t + ")"
	}
	return ": " + t + "[" + m.quote() + d.prop + m.quote() + "]"
}
