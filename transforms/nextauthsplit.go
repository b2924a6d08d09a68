package transforms

import (
	"path"
	"slices"
	"strings"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/project"
)

// authSplit is where the exports of a [...nextauth] route that a route.ts
// may not keep (its authOptions) go when the route moves and another file
// imports them: a module of their own beside the new route.
type authSplit struct {
	module string   // app/api/auth/[...nextauth]/auth-options.ts
	names  []string // the export names that move there
}

// authOptionsStem is the name of the module next-auth's options move to.
const authOptionsStem = "auth-options"

// nextAuthSplit says whether the route's exports move to a module of
// their own, and where, from the index alone, so that the route and every
// file importing it agree: a [...nextauth] route that moves, whose default
// export is a call of an exported options binding (export default
// NextAuth(authOptions)), and that some file imports (or the index cannot
// tell). A route an earlier run moved is known by the module it left
// beside its route.ts.
func nextAuthSplit(ix *project.Index, route string) (authSplit, bool) {
	to, ok := ix.Move(route)
	b := path.Base(route)
	if !ok || strings.TrimSuffix(b, path.Ext(b)) != "[...nextauth]" {
		return authSplit{}, false
	}
	module := path.Join(path.Dir(to), authOptionsStem+path.Ext(to))
	mod := ix.Module(route)
	var sp authSplit
	if mod != nil {
		arg := ""
		for _, e := range mod.Exports {
			if e.Name == "default" && e.Call != "" {
				arg = e.Arg
			}
		}
		exported := false
		for _, e := range mod.Exports {
			if e.Name == "default" || segmentConfig[e.Name] || isHTTPMethod(e.Name) {
				continue
			}
			if e.From != -1 {
				return authSplit{}, false // a re-export: not moved
			}
			exported = exported || arg != "" && e.Local == arg
			sp.names = append(sp.names, e.Name)
		}
		if exported {
			if imported, known := ix.Imported(route); imported || !known {
				sp.module = module
				return sp, true
			}
		}
	}
	if m := ix.Module(module); m != nil && ix.Module(route) != nil && len(ix.Module(route).Exports) == 0 {
		// moved by an earlier run: its module is there
		for _, e := range m.Exports {
			sp.names = append(sp.names, e.Name)
		}
		sp.module = module
		return sp, true
	}
	return authSplit{}, false
}

// covers reports whether every name is one the split moves.
func (sp authSplit) covers(names []string) bool {
	for _, n := range names {
		if !slices.Contains(sp.names, n) {
			return false
		}
	}
	return len(names) > 0
}

// splitGroup is a top-level statement with the comments above it, and the
// lines up to the next one.
type splitGroup struct {
	st         *Node
	start, end int // [start of its first line, start of the next group's)
	inR, inS   bool
}

// splitNextAuth moves everything of a [...nextauth] route but its handler,
// its segment config and the imports they use to the module sp.module
// beside the new route.ts, which imports the options from there; the
// edits the other rules made inside what moves go with it (the module
// sits in the route's new folder, so its relative imports are re-pointed
// alike). It reports false, changing nothing, when the file has another
// shape.
//
//	export const authOptions = {...}; export default NextAuth(authOptions)
//	  => auth-options.ts: export const authOptions = {...}
//	     route.ts: import { authOptions } from "./auth-options"; const handler = NextAuth(authOptions); export { handler as GET, handler as POST }
func (m *migration) splitNextAuth(sp authSplit, def *Node, arg string) bool {
	src := m.src
	var groups []*splitGroup
	var comments []*Node
	for _, c := range m.f.Root.Children {
		if c.Kind == "comment" {
			if len(groups) > 0 && len(comments) == 0 && codemod.LineStart(src, c.Start) == codemod.LineStart(src, groups[len(groups)-1].st.End) {
				continue // a comment after the statement, on its line
			}
			comments = append(comments, c)
			continue
		}
		start := c.Start
		if len(comments) > 0 {
			start = comments[0].Start
		}
		comments = nil
		start = codemod.LineStart(src, start)
		if len(groups) == 0 {
			start = 0
		}
		groups = append(groups, &splitGroup{st: c, start: start})
	}
	if len(groups) == 0 {
		return false
	}
	for i, g := range groups {
		g.end = len(src)
		if i+1 < len(groups) {
			g.end = groups[i+1].start
		}
	}
	if len(comments) > 0 {
		return false // comments after the last statement: whose are they?
	}
	// What stays in the route: the handler and the segment config.
	usedR, usedS := map[string]bool{}, map[string]bool{}
	declaredS := map[string]bool{}
	var imports []*splitGroup
	for _, g := range groups {
		switch {
		case g.st.Kind == "import_statement":
			imports = append(imports, g)
			continue
		case g.st == def || g.st.Kind == "export_statement" && m.exportsConfigOnly(g.st):
			g.inR = true
			identsIn(src, g.st, usedR)
		default:
			g.inS = true
			identsIn(src, g.st, usedS)
			declaredIn(src, g.st, declaredS)
		}
	}
	for n := range usedR {
		if n != arg && declaredS[n] {
			return false // the config reads something that moves
		}
	}
	var lastR *splitGroup
	for _, g := range imports {
		locals, plain := importLocals(src, g.st)
		for _, l := range locals {
			g.inR = g.inR || usedR[l]
			g.inS = g.inS || usedS[l]
		}
		if plain || !g.inR {
			g.inS = true // a side-effect import, or one only the moved code uses
		}
		if g.inR {
			lastR = g
		}
	}
	// The edits made so far go with the group they are in.
	var rEdits, sEdits []codemod.Edit
	for _, e := range m.f.Edits() {
		if e.Start < 0 {
			continue
		}
		var in *splitGroup
		for _, g := range groups {
			if e.Start >= g.start {
				in = g // the last group starting at or before the edit
			}
		}
		if in == nil || e.End > in.end {
			return false
		}
		if in.inR {
			rEdits = append(rEdits, e)
		}
		if in.inS {
			sEdits = append(sEdits, e)
		}
	}
	rEdits = append(rEdits, deleteGroups(src, groups, func(g *splitGroup) bool { return !g.inR })...)
	sEdits = append(sEdits, deleteGroups(src, groups, func(g *splitGroup) bool { return !g.inS })...)
	exportName := ""
	for _, e := range project.Scan(src).Exports {
		if e.Local == arg && e.Name != "default" {
			exportName = e.Name
		}
	}
	if exportName == "" {
		return false
	}
	spec := "." + "/" + authOptionsStem
	binding := exportName
	if exportName != arg {
		binding += " as " + arg
	}
	q := `"`
	if lastR != nil {
		if s := lastR.st.ChildByField("source"); s != nil {
			q = m.text(s)[:1]
		}
	}
	line := "import { " + binding + " } from " + q + spec + q + m.semi()
	if lastR != nil {
		rEdits = append(rEdits, codemod.Edit{Start: lastR.st.End, End: lastR.st.End, New: m.f.Style.EOL + line, By: "handler"})
	} else {
		rEdits = append(rEdits, codemod.Edit{Start: 0, End: 0, New: line + m.f.Style.EOL, By: "handler"})
	}
	sorted, err := codemod.SortEdits(sEdits)
	if err != nil {
		return false
	}
	text, err := codemod.ApplyEdits(src, sorted)
	if err != nil {
		return false
	}
	m.f.SetEdits(rEdits)
	m.f.NewModule(sp.module, text)
	m.f.Note("%s moved to %s, a module of its own beside the route (a route.ts may only export handlers and segment config); the files importing it are re-pointed there", strings.Join(sp.names, ", "), sp.module)
	return true
}

// exportsConfigOnly reports whether st exports segment config alone
// (export const runtime = "nodejs"; export const config = {...}).
func (m *migration) exportsConfigOnly(st *Node) bool {
	d := st.ChildByField("declaration")
	if d == nil || d.Kind != "lexical_declaration" && d.Kind != "variable_declaration" {
		return false
	}
	any := false
	for _, v := range d.NamedChildren() {
		if v.Kind != "variable_declarator" {
			continue
		}
		n := v.ChildByField("name")
		if n == nil || n.Kind != "identifier" || !segmentConfig[m.text(n)] {
			return false
		}
		any = true
	}
	return any
}

// deleteGroups returns the edits that delete the groups drop picks, each
// run of them at once; a run that ends the file also takes the blank
// lines before it.
func deleteGroups(src []byte, groups []*splitGroup, drop func(*splitGroup) bool) []codemod.Edit {
	var out []codemod.Edit
	for i := 0; i < len(groups); {
		if !drop(groups[i]) {
			i++
			continue
		}
		j := i
		for j < len(groups) && drop(groups[j]) {
			j++
		}
		start, end := groups[i].start, groups[j-1].end
		if j < len(groups) && i > 0 && !blankBetween(src, groups[i-1].st.End, groups[i].start) {
			// the run's blank lines separate what precedes it from what follows
			end = lineAfter(src, groups[j-1].st.End)
		}
		if j == len(groups) && i > 0 {
			// the file's end: keep one line end after the last statement kept
			prev := groups[i-1].st.End
			start = prev
			if nl := strings.IndexByte(string(src[prev:end]), '\n'); nl >= 0 {
				start = prev + nl + 1
			}
		}
		out = append(out, codemod.Edit{Start: start, End: end, By: "handler"})
		i = j
	}
	return out
}

// identsIn adds the names n spells (identifiers, type names, shorthand
// properties) to into.
func identsIn(src []byte, n *Node, into map[string]bool) {
	n.Walk(func(c *Node) bool {
		switch c.Kind {
		case "identifier", "type_identifier", "shorthand_property_identifier":
			into[c.Text(src)] = true
		}
		return true
	})
}

// declaredIn adds the top-level names the statement st declares.
func declaredIn(src []byte, st *Node, into map[string]bool) {
	if st.Kind == "export_statement" {
		if d := st.ChildByField("declaration"); d != nil {
			st = d
		}
	}
	switch st.Kind {
	case "lexical_declaration", "variable_declaration":
		for _, v := range st.NamedChildren() {
			if n := v.ChildByField("name"); v.Kind == "variable_declarator" && n != nil {
				identsIn(src, n, into)
				n.Walk(func(c *Node) bool {
					if c.Kind == "shorthand_property_identifier_pattern" {
						into[c.Text(src)] = true
					}
					return true
				})
			}
		}
	default:
		if n := st.ChildByField("name"); n != nil {
			into[n.Text(src)] = true
		}
	}
}

// importLocals returns the local names an import statement binds; plain
// is set for a side-effect import (import "./x") or one of another form
// (import x = require("y")).
func importLocals(src []byte, st *Node) (locals []string, plain bool) {
	clause := st.ChildOfKind("import_clause")
	if clause == nil {
		return nil, true
	}
	for _, c := range clause.NamedChildren() {
		switch c.Kind {
		case "identifier":
			locals = append(locals, c.Text(src))
		case "namespace_import":
			if id := c.ChildOfKind("identifier"); id != nil {
				locals = append(locals, id.Text(src))
			}
		case "named_imports":
			for _, s := range c.NamedChildren() {
				if s.Kind != "import_specifier" {
					continue
				}
				n := s.ChildByField("alias")
				if n == nil {
					n = s.ChildByField("name")
				}
				if n != nil {
					locals = append(locals, n.Text(src))
				}
			}
		}
	}
	return locals, len(locals) == 0
}

// namedImports returns the names an import statement takes from its
// module ({ a as b }: a); ok is false unless it takes named exports alone
// (no default, namespace or side-effect import).
func namedImports(src []byte, st *Node) (names []string, ok bool) {
	clause := st.ChildOfKind("import_clause")
	if clause == nil {
		return nil, false
	}
	for _, c := range clause.NamedChildren() {
		if c.Kind != "named_imports" {
			return nil, false
		}
		for _, s := range c.NamedChildren() {
			if s.Kind != "import_specifier" {
				continue
			}
			if n := s.ChildByField("name"); n != nil {
				names = append(names, strings.Trim(n.Text(src), `"'`))
			}
		}
	}
	return names, len(names) > 0
}

// importNames are the names imp takes from its module, when it takes
// named exports alone.
func importNames(imp project.Import) ([]string, bool) {
	if imp.Default != "" || imp.Namespace != "" || imp.Kind != project.Static || len(imp.Names) == 0 {
		return nil, false
	}
	var out []string
	for _, n := range imp.Names {
		if n.Name == "default" {
			return nil, false
		}
		out = append(out, n.Name)
	}
	return out, true
}

// lineAfter returns the offset after the line end that follows off.
func lineAfter(src []byte, off int) int {
	if nl := strings.IndexByte(string(src[off:]), '\n'); nl >= 0 {
		return off + nl + 1
	}
	return len(src)
}

// blankBetween reports whether a blank line lies between the end of a
// statement (from) and the start of a line (to).
func blankBetween(src []byte, from, to int) bool {
	rest := src[lineAfter(src, from):max(to, lineAfter(src, from))]
	return strings.TrimSpace(string(rest)) == "" && len(rest) > 0
}
