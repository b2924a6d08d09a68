package transforms

import (
	"slices"
	"strings"

	"github.com/routemod/routemod/project"
)

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
	} else if p != nil && p.readsBody {
		why = "; " + name + "() reads the request body, and this route reads it more than once (a Request body can be read once): read it once and pass the value on"
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
	if m.plan == nil || m.h.res == "" && m.h.req == "" {
		return
	}
	callers := append([]*handler{m.h}, m.helperHandlers()...)
	// A Request's body can be read once: a helper that reads it is
	// rewritten only where it is the one read of the body.
	reads := 0
	for _, c := range callers {
		c.fn.Walk(func(n *Node) bool {
			if obj, prop, ok := member(m.src, n); ok && prop == "body" && c.req != "" && isIdent(m.src, obj, c.req) {
				reads++
			}
			if n.Kind == "call_expression" {
				if p := m.plannedFor(n.ChildByField("function")); p != nil && p.readsBody {
					reads++
				}
			}
			return true
		})
	}
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
			if p := m.plannedFor(callee); p != nil && p.readsBody && reads > 1 {
				m.remote[name] = nil // see projectHelper: its TODO says why
				return true
			}
			m.remote[name] = m.remoteFrame(name, callers) // nil: asked, not a planned helper
			return true
		})
	}
}

// plannedFor returns the planned helper the identifier n names, nil when
// it names none (or one the plan leaves as it is).
func (m *migration) plannedFor(n *Node) *planned {
	if m.plan == nil || n == nil || n.Kind != "identifier" {
		return nil
	}
	file, name, _, ok := m.ix.Handles(m.f.Path, m.module(), m.text(n))
	if !ok || file == m.f.Path {
		return nil
	}
	return m.plan.helper(helperKey{file, name})
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
			if _, test := guardTestIn(m.src, call, m.helperModule); test == nil && (p.sets == "" || guardIfTest(m.src, call) == nil) && (m.helperModule || inlineGuardTest(m.src, call) == nil) {
				fine = false
				return false
			}
		}
		args := callArgs(call)
		fine = caller != nil && (p.resIndex < 0 || caller.res != "" && p.resIndex < len(args) && isIdent(m.src, args[p.resIndex], caller.res)) &&
			(p.reqIndex < 0 || p.reqIndex < len(args) && caller.req != "" && isIdent(m.src, args[p.reqIndex], caller.req))
		return fine
	})
	if !fine || spec == nil || spec.ChildByField("name") == nil {
		return nil
	}
	app := p.appName()
	fr := &frame{h: &handler{name: local, helper: true, resIndex: p.resIndex, reqIndex: p.reqIndex, guard: p.guard, sets: p.sets, headersParam: p.headers}, awaits: p.async, ownHeaders: p.ownHeaders}
	if m.helperModule {
		// a helper of a helper module calls it: the module's pages
		// functions may still call the pages version
		if app != name && spec.ChildByField("alias") == nil {
			if m.pagesUses(local, callers) {
				m.f.Insert(spec.End, ", "+app) // { unauthorized } => { unauthorized, unauthorizedResponse }
			} else {
				m.f.ReplaceNode(spec.ChildByField("name"), app)
			}
			fr.call = app
		} else if app != name {
			return nil
		}
		return fr
	}
	if m.wrapperAt != nil {
		// a wrapper's app version calls it: its pages version, or other
		// code of the module, may still call the pages one
		if app != name && spec.ChildByField("alias") == nil {
			if m.wrapperBeside || m.calledOutside(local, m.wrapperAt) {
				m.f.Insert(spec.End, ", "+app) // { getUser } => { getUser, getUserApp }
			} else {
				m.f.ReplaceNode(spec.ChildByField("name"), app)
			}
			fr.call = app
		} else if app != name {
			return nil
		}
		return fr
	}
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

// pagesUses reports whether code of this helper module that keeps its pages
// form (outside the helpers rewritten in place) spells local.
func (m *migration) pagesUses(local string, callers []*handler) bool {
	uses := false
	m.f.Root.Walk(func(n *Node) bool {
		if uses || n.Kind == "import_statement" {
			return false
		}
		if n.Kind != "identifier" || m.text(n) != local {
			return true
		}
		for _, fr := range m.helpers {
			if fr.h.fn.Contains(n) && fr.call == fr.h.name {
				return true // rewritten in place
			}
		}
		uses = true
		return false
	})
	return uses
}

// calledOutside reports whether the file spells local outside its import
// statements and the node in.
func (m *migration) calledOutside(local string, in *Node) bool {
	except := []*Node{in}
	for _, st := range m.f.Root.Children {
		if st.Kind == "import_statement" {
			except = append(except, st)
		}
	}
	return m.otherUses(local, except...) != nil
}

// remoteKeys are the planned helpers of other modules this file calls the
// app versions of, sorted.
func (m *migration) remoteKeys() []helperKey {
	var out []helperKey
	for local, fr := range m.remote {
		if fr == nil {
			continue
		}
		if file, name, _, ok := m.ix.Handles(m.f.Path, m.module(), local); ok {
			out = append(out, helperKey{file, name})
		}
	}
	slices.SortFunc(out, func(a, b helperKey) int { return strings.Compare(a.file+"\x00"+a.name, b.file+"\x00"+b.name) })
	return out
}
