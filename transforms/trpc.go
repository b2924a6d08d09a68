package transforms

import (
	"path"
	"strconv"
	"strings"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/libraries"
	"github.com/routemod/routemod/project"
)

// trpcModule is the module of tRPC's Next.js API adapter.
const trpcModule = "@trpc/server/adapters/next"

// trpcRoute migrates tRPC's Next.js API route, whose default export is
// the handler createNextApiHandler returns, into the fetch adapter's
// handler exported as GET and POST, and reports whether it dealt with the
// file. Only a [trpc] or [...trpc] file whose default export is that call
// with an object literal is known; the endpoint is the route's folder
// (the path fetchRequestHandler cuts from the URL where the pages adapter
// read req.query.trpc):
//
//	export default trpcNext.createNextApiHandler({ router, createContext }) => const handler = (req: Request) => fetchRequestHandler({ endpoint: "/api/trpc", req, router, createContext }); export { handler as GET, handler as POST }
//
// The fetch adapter calls createContext with { req: Request, resHeaders:
// Headers } (resHeaders from 10.8.0) where the Next adapter passed { req,
// res }: a createContext that reads its argument is marked, naming it, as
// is an onError or responseMeta that reads req and an option the fetch
// adapter lacks (middleware, maxBodySize). Below @trpc/server 10.0.0 (no
// fetch adapter) or under a basePath the route is skipped, with why.
func (m *migration) trpcRoute(mg *Migrator) bool {
	base := path.Base(m.f.Path)
	if stem := strings.TrimSuffix(base, path.Ext(base)); stem != "[trpc]" && stem != "[...trpc]" {
		return false
	}
	var st, call *Node
	for _, c := range m.f.Root.Children {
		if c.Kind == "export_statement" && c.ChildOfKind("default") != nil {
			st, call = c, codemod.Unparen(c.ChildByField("value"))
		}
	}
	if call == nil || call.Kind != "call_expression" || !m.isCreateNextApiHandler(call.ChildByField("function")) {
		return false
	}
	args := callArgs(call)
	if len(args) != 1 || args[0].Kind != "object" {
		return false
	}
	obj := args[0]
	row, _ := libraries.Lookup(trpcModule, "createNextApiHandler")
	in := m.ix.Installed(row.Package)
	if ok, why := row.Supports(in.Version, in.From, m.f.NextMajor); !ok {
		m.f.Skip("export default %s becomes a route handler (%s) only with a newer tRPC: it %s; upgrade %s, then run routemod again (the route keeps working from pages/api)", shortCall(m, call), row.App, why, row.Package)
		return true
	}
	if m.libMods != nil && m.libMods.basePath != "" {
		m.f.Skip("%s sets basePath, which the request URL a route handler sees starts with: fetchRequestHandler's endpoint must then name it; write the route by hand (%s), or run routemod without it (the route keeps working from pages/api)", m.libMods.basePath, row.App)
		return true
	}
	m.h = &handler{start: st.Start, end: st.End}
	endpoint := "/" + path.Dir(strings.TrimPrefix(strings.TrimPrefix(m.f.Path, "src/"), "pages/"))
	reqName := m.name("trpcReq", "req", "request")
	handlerName := m.name("handler", "handler", "trpcHandler")
	semi, eol := m.semi(), m.f.Style.EOL
	param := reqName + ": Request"
	if !m.f.TypeScript {
		param = reqName
	}
	head := "const " + handlerName + " = (" + param + ") => fetchRequestHandler("
	if !m.f.TypeScript {
		head = "/** @param {Request} " + reqName + " */" + eol + head
	}
	m.f.Replace(st.Start, obj.Start, head)
	reqProp := "req"
	if reqName != "req" {
		reqProp = "req: " + reqName
	}
	props := namedProps(obj)
	added := []string{"endpoint: " + strconv.Quote(endpoint), reqProp}
	if len(props) > 0 && lineOf(m.src, obj.Start) != lineOf(m.src, props[0].Start) {
		// {\n  router, => {\n  endpoint: "/api/trpc",\n  req,\n  router,
		ind := codemod.IndentAt(m.src, props[0].Start)
		m.f.Insert(obj.Start+1, eol+ind+strings.Join(added, ","+eol+ind)+",")
	} else if len(props) > 0 {
		m.f.Insert(obj.Start+1, " "+strings.Join(added, ", ")+",") // { router } => { endpoint: "/api/trpc", req, router }
	} else {
		m.f.Replace(obj.Start, obj.End, "{ "+strings.Join(added, ", ")+" }")
	}
	if e := call.End; e < st.End && strings.TrimSpace(string(m.src[e:st.End])) == ";" {
		m.f.Replace(e, st.End, semi) // the statement's own terminator kept as it was
	}
	m.f.Insert(st.End, eol+eol+"export { "+handlerName+" as GET, "+handlerName+" as POST }"+semi)
	m.use("@trpc/server/adapters/fetch", "fetchRequestHandler", true)
	m.dropTrpcImport(call.ChildByField("function"))
	for _, p := range props {
		if why := m.trpcOptionWhy(p); why != "" {
			m.f.Todo(p.Start, "%s", why)
		}
	}
	m.markOtherExports()
	m.runFileTransforms(mg)
	m.f.Note("tRPC's Next.js API handler became fetchRequestHandler (@trpc/server/adapters/fetch) with endpoint %q, exported as GET and POST: the adapter reads the procedure path from the URL after the endpoint where the pages adapter read req.query.trpc", endpoint)
	return true
}

// isCreateNextApiHandler reports whether callee is tRPC's
// createNextApiHandler: imported by name, or through a namespace import
// (import * as trpcNext from "@trpc/server/adapters/next").
func (m *migration) isCreateNextApiHandler(callee *Node) bool {
	callee = codemod.Unparen(callee)
	for _, imp := range m.module().Imports {
		if imp.Spec != trpcModule || imp.Kind != project.Static || imp.Type {
			continue
		}
		switch callee.Kind {
		case "identifier":
			for _, n := range imp.Names {
				if n.Name == "createNextApiHandler" && n.Local == m.text(callee) && !n.Type {
					return true
				}
			}
		case "member_expression":
			obj, prop := callee.ChildByField("object"), callee.ChildByField("property")
			if imp.Namespace != "" && isIdent(m.src, obj, imp.Namespace) && m.text(prop) == "createNextApiHandler" {
				return true
			}
		}
	}
	return false
}

// dropTrpcImport lets the types transform remove the adapter's import
// once nothing else uses it.
func (m *migration) dropTrpcImport(callee *Node) {
	if m.libDropped == nil {
		m.libDropped = map[string]bool{}
	}
	callee = codemod.Unparen(callee)
	if callee.Kind == "member_expression" {
		callee = callee.ChildByField("object")
	}
	m.libDropped[m.text(callee)] = true
}

// trpcOptionWhy says why a property of createNextApiHandler's options
// does not keep its meaning in fetchRequestHandler's ("" when it does).
func (m *migration) trpcOptionWhy(p *Node) string {
	key, val := "", (*Node)(nil)
	switch p.Kind {
	case "shorthand_property_identifier":
		key, val = m.text(p), p
	case "pair":
		key, val = strings.Trim(m.text(p.ChildByField("key")), `"'`), codemod.Unparen(p.ChildByField("value"))
	case "method_definition":
		key, val = m.text(p.ChildByField("name")), p
	default:
		return "fetchRequestHandler gets options routemod cannot see here (" + m.text(p) + "): check each has the fetch adapter's form"
	}
	const ctxForm = ": the fetch adapter calls createContext with { req: Request, resHeaders: Headers } (resHeaders from @trpc/server 10.8.0), where the Next adapter passed { req: NextApiRequest, res: NextApiResponse }; rewrite it for that"
	switch key {
	case "router", "batching", "allowBatching", "allowMethodOverride":
		return ""
	case "createContext":
		fn, where := m.trpcFunction(val)
		if fn == nil {
			if m.libMods != nil && val.Kind != "arrow_function" && val.Kind != "function_expression" && val.Kind != "method_definition" {
				if file, name, ok := m.importedFrom(m.text(val)); ok {
					if why, read := m.libMods.contexts[helperKey{file, name}]; read {
						if why == "" {
							return ""
						}
						return "createContext (" + name + " in " + file + ") " + why + ctxForm
					}
				}
			}
			return "createContext " + m.text(val) + " is not a function routemod can read" + ctxForm
		}
		if why := m.fetchContextWhy(fn); why != "" {
			return "createContext" + where + " " + why + ctxForm
		}
		return ""
	case "onError", "responseMeta":
		fn, where := m.trpcFunction(val)
		if fn == nil {
			return key + " " + m.text(val) + " is not a function routemod can read: the fetch adapter hands it the Request as req, where the Next adapter handed the NextApiRequest; check it"
		}
		if containsIdent(m.text(fn), "req") {
			return key + where + " reads req, which the fetch adapter hands it as a Request (the Next adapter: the NextApiRequest); rewrite it for that"
		}
		return ""
	}
	return "the option " + key + " is the Next adapter's own: fetchRequestHandler has none (a body limit or connect middleware must be done by hand in the route handler)"
}

// trpcFunction returns the function an option's value is: inline, or a
// module-level function of the file (where names it).
func (m *migration) trpcFunction(val *Node) (fn *Node, where string) {
	switch val.Kind {
	case "arrow_function", "function_expression", "function", "method_definition":
		return val, ""
	case "identifier", "shorthand_property_identifier":
		if _, fn := m.topLevelFunction(m.text(val)); fn != nil {
			return fn, " (" + m.text(val) + ")"
		}
	}
	return nil, ""
}

// fetchContextWhy says why fn, a tRPC createContext, does not keep its
// meaning when the fetch adapter calls it ("" when it does): it must not
// read its argument, which was the Next adapter's { req, res }.
func (m *migration) fetchContextWhy(fn *Node) string {
	body := fn.ChildByField("body")
	for _, p := range paramNodes(fn) {
		if t := p.ChildByField("type"); t != nil {
			return "takes the Next adapter's options (" + strings.TrimSpace(strings.TrimPrefix(m.text(t), ":")) + ")"
		}
		pat := p
		if n := p.ChildByField("pattern"); n != nil {
			pat = n
		}
		if pat.Kind != "identifier" {
			return "reads " + m.text(pat) + " of the Next adapter's options"
		}
		if body != nil && containsIdent(m.text(body), m.text(pat)) {
			return "reads its options " + m.text(pat) + " (the Next adapter's { req, res })"
		}
	}
	return ""
}

// namedProps are an object literal's properties, comments left out.
func namedProps(obj *Node) []*Node {
	var out []*Node
	for _, c := range obj.NamedChildren() {
		if c.Kind != "comment" {
			out = append(out, c)
		}
	}
	return out
}

// lineOf is the 1-based line of offset off.
func lineOf(src []byte, off int) int {
	l, _ := codemod.LineCol(src, off)
	return l
}
