package transforms

import "github.com/routemod/routemod/project"

// projectHelper names, for a TODO at a call that hands the pages request
// or response on, the project function it reaches and what that function
// does with it, as the project index read it; "" for a function of this
// file (the helpers transform's) or one the index does not know.
//
//	sendError(res, 400, msg) => "; sendError (lib/http.ts) uses it as the response (status, json)"
//	sendCsv(res, rows)       => "; sendCsv (lib/csv.ts) uses it as the response (...); routemod leaves sendCsv as it is: its body has ..."
//	limits(req, res) (a route's default export) => "; limits (handler in pages/api/limits.ts) uses it as the response (status, json)"
func (m *migration) projectHelper(call, arg *Node) string {
	if call == nil || call.Kind != "call_expression" {
		return ""
	}
	callee := call.ChildByField("function")
	args := call.ChildByField("arguments")
	if callee == nil || callee.Kind != "identifier" || args == nil {
		return ""
	}
	i := -1
	for k, a := range args.NamedChildren() {
		if a == arg {
			i = k
		}
	}
	file, name, uses, ok := m.ix.Handles(m.f.Path, m.module(), m.text(callee))
	if i < 0 || !ok || file == m.f.Path {
		return ""
	}
	why := ""
	if r := m.plan.unplanned(helperKey{file, name}); r != "" {
		// the plan tried it: say why it stays
		why = "; routemod leaves " + name + " as it is: " + r
	} else if p := m.plan.helper(helperKey{file, name}); p != nil && p.guard {
		why = "; routemod rewrites " + name + "() where its result is bound to a local and tested right after (if (!user) return)"
	}
	return "; " + project.Describe(m.text(callee), file, name, uses, i) + why
}

// projectFunc returns the file of the project function the identifier n
// names, when it is one this file imports; "" otherwise (a library, a
// local function, an expression).
func (m *migration) projectFunc(n *Node) string {
	if n == nil || n.Kind != "identifier" {
		return ""
	}
	file, _, _, ok := m.ix.Handles(m.f.Path, m.module(), m.text(n))
	if !ok || file == m.f.Path {
		return ""
	}
	return file
}

// module is this file as the project index's scanner reads it, read once.
func (m *migration) module() *project.Module {
	if m.scanned == nil {
		m.scanned = project.Scan(m.src)
	}
	return m.scanned
}

// findRemoteHelpers asks the helper plan about every project function the
// handler and its helpers call, and keeps a frame for each planned helper
// the route hands res to the way the plan reads it (see remoteFrame).
func (m *migration) findRemoteHelpers() {
	if m.plan == nil || m.h.res == "" {
		return
	}
	callers := append([]*handler{m.h}, m.helperHandlers()...)
	for _, c := range callers {
		c.fn.Walk(func(n *Node) bool {
			if n.Kind != "call_expression" {
				return true
			}
			callee := n.ChildByField("function")
			if callee == nil || callee.Kind != "identifier" {
				return true
			}
			name := m.text(callee)
			if _, asked := m.remote[name]; asked || m.helperOf(n) != nil {
				return true
			}
			if m.remote == nil {
				m.remote = map[string]*frame{}
			}
			m.remote[name] = m.remoteFrame(name, callers) // nil: asked, not a planned helper
			return true
		})
	}
}

// remoteFrame returns the frame of the planned project helper the local
// name binds, as the plan says to call it; nil when it is not one, or
// when this file uses the name otherwise than in calls that hand it the
// response (and the request) of the handler or helper they are in, at
// the places the plan reads:
//
//	import { ok } from "@/lib/http"; ok(res, data)                       (ok rewritten in place)
//	  => import { ok } from "@/lib/http"; return ok(data)
//	import { ok } from "@/lib/http"; ok(res, data)                       (a file that stays calls ok too)
//	  => import { okResponse } from "@/lib/http"; return okResponse(data)
//	import { ok as reply } from "@/lib/http"; reply(res, data)
//	  => import { okResponse as reply } from "@/lib/http"; return reply(data)
func (m *migration) remoteFrame(local string, callers []*handler) *frame {
	file, name, _, ok := m.ix.Handles(m.f.Path, m.module(), local)
	if !ok || file == m.f.Path {
		return nil
	}
	key := helperKey{file, name}
	p := m.plan.helper(key)
	if p == nil {
		return nil
	}
	var spec *Node
	fine := true
	m.f.Root.Walk(func(n *Node) bool {
		if !fine {
			return false
		}
		if n.Kind == "import_specifier" {
			id := n.ChildByField("alias")
			if id == nil {
				id = n.ChildByField("name")
			}
			if m.text(id) == local {
				spec = n
			}
			return false
		}
		if n.Kind != "identifier" || m.text(n) != local {
			return true
		}
		call := n.Parent
		if call == nil || call.Kind != "call_expression" || n.Field != "function" {
			fine = false
			return false
		}
		var caller *handler
		for _, c := range callers {
			if c.fn.Contains(call) {
				caller = c
			}
		}
		if p.guard {
			if _, test := guardTest(m.src, call); test == nil {
				fine = false
				return false
			}
		}
		args := callArgs(call)
		fine = caller != nil && caller.res != "" && p.resIndex < len(args) && isIdent(m.src, args[p.resIndex], caller.res) &&
			(p.reqIndex < 0 || p.reqIndex < len(args) && caller.req != "" && isIdent(m.src, args[p.reqIndex], caller.req))
		return fine
	})
	if !fine || spec == nil || spec.ChildByField("name") == nil {
		return nil
	}
	app := p.appName()
	fr := &frame{h: &handler{name: local, helper: true, resIndex: p.resIndex, reqIndex: p.reqIndex, guard: p.guard}}
	if app != name {
		nameNode := spec.ChildByField("name")
		switch {
		case spec.ChildByField("alias") != nil:
			m.f.ReplaceNode(nameNode, app) // { ok as reply } => { okResponse as reply }
		case m.idents[app]:
			m.f.ReplaceNode(nameNode, app+" as "+local) // the file spells okResponse already
		default:
			m.f.ReplaceNode(nameNode, app)
			fr.call = app
		}
	}
	m.plan.record(m.f.Path, key, app)
	m.f.DependOnSettle()
	return fr
}

// passesRes reports whether call hands the response of the handler or
// helper being read on as one of its arguments.
func (m *migration) passesRes(call *Node) bool {
	if m.h.res == "" || call.Kind != "call_expression" {
		return false
	}
	for _, a := range callArgs(call) {
		if isIdent(m.src, a, m.h.res) {
			return true
		}
	}
	return false
}
