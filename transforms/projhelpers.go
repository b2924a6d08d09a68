package transforms

import "github.com/routemod/routemod/project"

// projectHelper names, for a TODO at a call that hands the pages request
// or response on, the project function it reaches and what that function
// does with it, as the project index read it; "" for a function of this
// file (the helpers transform's) or one the index does not know.
//
//	sendError(res, 400, msg) => "; sendError (lib/http.ts) uses it as the response (status, json)"
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
	return "; " + project.Describe(m.text(callee), file, name, uses, i)
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
