package transforms

import (
	"path"
	"strings"

	"github.com/routemod/routemod/project"
)

// nextAuthRoute migrates next-auth's catch-all route, whose default export
// is not a handler function but the one NextAuth returns (it serves both
// routers from next-auth 4.22.1 on), and reports whether it dealt with the
// file. Only the exact shape in a [...nextauth] file is known; otherwise
// the handler transform skips the file as wrapped, as before. Below the
// row's version the file is skipped with the version needed (next-auth
// keeps working from pages/api).
//
//	export default NextAuth(authOptions) => const handler = NextAuth(authOptions); export { handler as GET, handler as POST }
//
// The rest of the file goes through the rules that apply to it: its
// relative imports are re-pointed, its config becomes segment config, and
// its other exports (an exported authOptions) become module-local when no
// file imports the route, else are marked (moving authOptions to a module
// of its own is not done).
func (m *migration) nextAuthRoute(mg *Migrator) bool {
	base := path.Base(m.f.Path)
	if strings.TrimSuffix(base, path.Ext(base)) != "[...nextauth]" {
		return false
	}
	var st, call *Node
	for _, c := range m.f.Root.Children {
		if c.Kind == "export_statement" && c.ChildOfKind("default") != nil {
			st, call = c, c.ChildByField("value")
		}
	}
	if call == nil || call.Kind != "call_expression" {
		return false
	}
	callee := call.ChildByField("function")
	args := callArgs(call)
	if callee == nil || callee.Kind != "identifier" || len(args) != 1 || args[0].Kind == "spread_element" {
		return false
	}
	row, ok := libraryImports(project.Scan(m.src))[m.text(callee)]
	if !ok || row.Name != "default" {
		return false
	}
	in := m.ix.Installed(row.Package)
	if ok, why := row.Supports(in.Version, in.From, m.f.NextMajor); !ok {
		m.f.Skip("export default %s becomes a route handler (const handler = %s; export { handler as GET, handler as POST }) only with a newer next-auth: it %s; upgrade %s, then run routemod again (the route keeps working from pages/api)", m.text(call), m.text(call), why, row.Package)
		return true
	}
	m.h = &handler{start: st.Start, end: st.End}
	name := m.name("handler", "handler", "authHandler")
	semi := m.semi()
	m.f.Replace(st.Start, st.End, "const "+name+" = "+m.text(call)+semi+m.f.Style.EOL+"export { "+name+" as GET, "+name+" as POST }"+semi)
	m.markOtherExports()
	for _, t := range Catalog {
		switch t.Name {
		case "config", "paths", "types":
			if mg.selected[t.Name] {
				m.f.SetTransform(t.Name)
				t.run(m)
			}
		}
	}
	m.f.Note("next-auth's catch-all route: NextAuth(...) serves GET and POST of the route handler itself")
	return true
}
