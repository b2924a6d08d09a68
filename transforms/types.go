package transforms

import (
	"slices"
	"sort"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// removable are the imports that go when the rewrite leaves them unused:
// the pages-router types from "next", and micro's buffer once
// `await buffer(req)` became `Buffer.from(await req.arrayBuffer())`.
var removable = map[string]map[string]bool{
	"next":  {"NextApiRequest": true, "NextApiResponse": true, "NextApiHandler": true, "PageConfig": true},
	"micro": {"buffer": true},
	// getSession({ req }) becomes getServerSession(authOptions) (libraries.go)
	"next-auth/react":  {"getSession": true},
	"next-auth/client": {"getSession": true},
}

// bom is the UTF-8 byte order mark a file may start with.
const bom = "\ufeff"

// rewriteTypes fixes the imports once the code is rewritten.
//
//	import type { NextApiRequest, NextApiResponse } from "next" (now unused) => removed
//	NextRequest in a signature        => import type { NextRequest } from "next/server"
//	NextResponse.redirect(...)        => import { NextResponse } from "next/server"
//	(await cookies()) / draftMode()   => import { cookies } / { draftMode } from "next/headers"
//	JSDoc types in JavaScript routes  => see rewriteJSDoc
func rewriteTypes(m *migration) {
	if !m.helperModule { // a helper module's doc comments go with its helpers (helpermodule.go)
		rewriteJSDoc(m)
	}
	f := m.f
	out, err := codemod.ApplyEdits(m.src, f.Edits())
	if err != nil {
		panic(err)
	}
	imports := m.importStatements()
	// What the rest of the file uses, import lines excluded.
	var rest strings.Builder
	outText := string(out)
	for _, line := range strings.SplitAfter(outText, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(line, bom)), "import ") {
			rest.WriteString(line)
		}
	}
	restText := rest.String()
	used := func(name string) bool {
		return containsIdent(restText, name)
	}
	// What the input used, import lines excluded: an import the rewrite
	// left unused (the 405 guard that called sendError dropped) goes.
	var inRest strings.Builder
	for _, line := range strings.SplitAfter(string(m.src), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(line, bom)), "import ") {
			inRest.WriteString(line)
		}
	}
	inText := inRest.String()
	madeUnused := func(local string, n *Node) bool {
		_, renamed := m.specRenames[n]
		return n != nil && !renamed && containsIdent(inText, local) && !used(local) && len(f.EditsOverlapping(n.Start, n.End)) == 0
	}
	m.dropOrphanTypes(restText)
	gone := 0 // the end of the file's one import when it went
	// Remove unused pages-router types from "next" imports (and micro's
	// buffer), and the types the removed annotations alone used.
	for _, imp := range imports {
		names := removable[imp.module]
		keep, kept := []string(nil), map[*Node]bool{}
		removed, dropDefault := false, false
		byRewrite := false // a name goes that the rewrite left unused
		own := m.ownModule(imp.module)
		{
			for _, s := range imp.specs {
				freed := m.readableFreed && s.name == "Readable" && (imp.module == "stream" || imp.module == "node:stream")
				if (names[s.name] || m.typeOnly(s.local) || freed || m.libDropped[s.local]) && !used(s.local) || m.unwrapped(s.local) {
					removed = true
					continue
				}
				if own && madeUnused(s.local, s.node) {
					// import { requireAdmin, sendError } from "../../lib/auth" => import { requireAdmin } from "../../lib/auth"
					removed, byRewrite = true, true
					continue
				}
				keep = append(keep, m.specText(s))
				kept[s.node] = true
			}
			// import withMethods from "../lib/methods" (the wrapper gone) => removed
			dropDefault = imp.defaultName != "" && m.unwrapped(imp.defaultName)
			if ns := strings.TrimSpace(strings.TrimPrefix(imp.defaultName, "* as ")); imp.defaultName != "" && m.libDropped[ns] && !used(ns) {
				dropDefault = true // import * as trpcNext from "@trpc/server/adapters/next" (now unused) => removed
			}
			if d := m.defaultNode(imp); own && !dropDefault && d != nil && madeUnused(imp.defaultName, d) {
				dropDefault, byRewrite = true, true
			}
		}
		if whole := len(keep) == 0 && (imp.defaultName == "" || dropDefault); whole && byRewrite && !f.TypeScript {
			// JavaScript evaluates a module it imports, used or not
			// (TypeScript drops an import none of whose names is used):
			// import { reject } from "../lib/errors" => import "../lib/errors"
			cl, from := imp.node.ChildOfKind("import_clause"), imp.node.ChildByField("source")
			// the names' edits go with them; the re-pointed source stays
			f.SetEdits(slices.DeleteFunc(f.Edits(), func(e codemod.Edit) bool {
				return e.Start >= cl.Start && e.End <= from.Start
			}))
			f.Replace(cl.Start, from.Start, "")
			continue
		}
		if !removed && !dropDefault {
			m.renameSpecs(imp)
			continue
		}
		if dropDefault && imp.named != nil && len(keep) > 0 {
			// import withMethods, { other } from "m" => import { other } from "m"
			f.Replace(imp.node.ChildOfKind("import_clause").Start, imp.named.Start, "")
			if removed {
				m.dropSpecs(imp, keep, kept)
			}
			continue
		}
		if len(keep) == 0 && (imp.defaultName == "" || dropDefault) {
			start, end := imp.node.Start, imp.node.End
			ls := codemod.LineStart(m.src, start)
			if ls == 0 && strings.HasPrefix(string(m.src), bom) {
				ls = len(bom) // the byte order mark stays
			}
			if strings.TrimSpace(string(m.src[ls:start])) == "" && onlySpaceAfter(m.src, end) {
				start, end = ls, lineEnd(m.src, end)
				if m.helperModule && len(m.imports) == 0 && start == 0 && end < len(m.src) && strings.TrimSpace(string(m.src[end:lineEnd(m.src, end)])) == "" {
					end = lineEnd(m.src, end) // a helper module does not start with the blank line that followed its only import
				}
			}
			// the re-pointed source of an import that goes goes with it
			f.SetEdits(slices.DeleteFunc(f.Edits(), func(e codemod.Edit) bool {
				return e.Start > imp.node.Start && e.End <= imp.node.End
			}))
			f.Replace(start, end, "")
			if len(imports) == 1 && start <= len(bom) && end == lineEnd(m.src, end-1) {
				gone = end // the file's one import, on its first line
			}
			continue
		}
		m.dropSpecs(imp, keep, kept)
	}
	// Add what the output needs.
	modules := make([]string, 0, len(m.imports))
	for mod := range m.imports {
		modules = append(modules, mod)
	}
	sort.Strings(modules)
	quote := m.quote()
	var lines []string
	for _, mod := range modules {
		var values, types []string
		names := make([]string, 0, len(m.imports[mod]))
		for n := range m.imports[mod] {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if m.imported(imports, mod, n) || !used(n) {
				continue
			}
			if m.imports[mod][n] {
				values = append(values, n)
			} else {
				types = append(types, n)
			}
		}
		switch {
		case len(values) == 0 && len(types) == 0:
		case len(values) == 0:
			lines = append(lines, "import type { "+strings.Join(types, ", ")+" } from "+quote+mod+quote+m.semi())
		default:
			for _, t := range types {
				values = append(values, "type "+t)
			}
			lines = append(lines, "import { "+strings.Join(values, ", ")+" } from "+quote+mod+quote+m.semi())
		}
	}
	if len(lines) == 0 {
		if gone > 0 && strings.TrimSpace(string(m.src[gone:lineEnd(m.src, gone)])) == "" && lineEnd(m.src, gone) < len(m.src) {
			// import { withMethods } from "../lib/methods";\n\ncode => code (no blank first line)
			f.Replace(gone, lineEnd(m.src, gone), "")
		}
		return
	}
	eol := f.Style.EOL
	text := strings.Join(lines, eol) + eol
	if len(imports) > 0 {
		last := imports[len(imports)-1].node
		if !onlySpaceAfter(m.src, last.End) {
			// import "x"; export default ... on one line: the new imports go right after it
			f.Insert(last.End, eol+strings.TrimSuffix(text, eol))
			return
		}
		f.Insert(lineEnd(m.src, last.End), text)
		return
	}
	// No imports: before the first statement, after the header comments and
	// directives that stand on lines of their own.
	pos := 0
	for _, st := range f.Root.Children {
		lead := st.Kind == "comment" || (st.Kind == "expression_statement" && strings.HasPrefix(strings.Trim(m.text(st), "'\";"), "use "))
		if !lead || !onlySpaceAfter(m.src, st.End) || m.rewritten(st.Start) || st.Start >= m.h.start && st.Start < m.h.end {
			break // a comment that goes with the handler (its JSDoc) is not a header
		}
		pos = lineEnd(m.src, st.End)
	}
	if pos == 0 {
		f.Insert(0, text+eol)
		return
	}
	if pos == len(m.src) || strings.TrimSpace(string(m.src[pos:lineEnd(m.src, pos)])) != "" {
		text += eol // keep a blank line between the imports and the code
	}
	if pos == len(m.src) && (pos == 0 || m.src[pos-1] != '\n') {
		text = eol + text
	}
	f.Insert(pos, eol+text)
}

type importSpec struct {
	name, local string
	node        *Node
}

type importStmt struct {
	node        *Node
	module      string
	typeOnly    bool
	defaultName string
	named       *Node
	specs       []importSpec
}

// dropSpecs removes from the named imports of imp the specifiers not in
// kept (keep: the text of those kept): the braces are written again,
// unless another rule edits a specifier that stays (a helper called by its
// app name), whose edit then stands; the ones that go are cut out with
// their commas:
//
//	import { ok, sendError, unauthorized } => import { ok, unauthorized }
func (m *migration) dropSpecs(imp importStmt, keep []string, kept map[*Node]bool) {
	edited := false
	for _, s := range imp.specs {
		if kept[s.node] && len(m.f.EditsOverlapping(s.node.Start, s.node.End)) > 0 {
			edited = true
		}
	}
	if !edited {
		m.f.Replace(imp.named.Start, imp.named.End, "{ "+strings.Join(keep, ", ")+" }")
		return
	}
	m.renameSpecs(imp)
	for i := 0; i < len(imp.specs); {
		if kept[imp.specs[i].node] {
			i++
			continue
		}
		j := i
		for j < len(imp.specs) && !kept[imp.specs[j].node] {
			j++
		}
		if j < len(imp.specs) { // a, [b, c,] d
			m.f.Replace(imp.specs[i].node.Start, imp.specs[j].node.Start, "")
		} else { // a[, b, c]
			m.f.Replace(imp.specs[i-1].node.End, imp.specs[j-1].node.End, "")
		}
		i = j
	}
}

// ownModule reports whether the import specifier mod names a file of the
// project (relative, or through a tsconfig alias or baseUrl): the imports
// the rewrite leaves unused go only from those (a package's import, such as
// nextjs-cors once the library row replaced its call, is left as it is).
func (m *migration) ownModule(mod string) bool {
	if m.ix == nil {
		return false
	}
	file, _ := m.ix.Resolve(m.f.Path, mod)
	return file != ""
}

// defaultNode is the default import of imp (import db from "..."), nil
// when it has none.
func (m *migration) defaultNode(imp importStmt) *Node {
	if cl := imp.node.ChildOfKind("import_clause"); cl != nil {
		for _, c := range cl.NamedChildren() {
			if c.Kind == "identifier" {
				return c
			}
		}
	}
	return nil
}

// typeOnly reports an imported name the input used, outside its import,
// only as a type, so once the annotations that named it are gone (res:
// NextApiResponse<Poll> with no JSON left to carry Poll) nothing else needs it:
//
//	import type { Poll } from "../types"; ... res: NextApiResponse<Poll> => import removed
func (m *migration) typeOnly(name string) bool {
	types, values := 0, 0
	m.f.Root.Walk(func(n *Node) bool {
		switch n.Kind {
		case "import_statement":
			return false
		case "type_identifier":
			if m.text(n) == name {
				types++
			}
		case "identifier", "shorthand_property_identifier", "shorthand_property_identifier_pattern":
			if m.text(n) == name {
				values++
			}
		}
		return true
	})
	return types > 0 && values == 0
}

// importStatements lists the top-level import statements.
func (m *migration) importStatements() []importStmt {
	var out []importStmt
	for _, st := range m.f.Root.Children {
		if st.Kind != "import_statement" {
			continue
		}
		mod, _ := stringValue(m.src, st.ChildByField("source"))
		imp := importStmt{node: st, module: mod, typeOnly: strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(m.text(st), "import")), "type ")}
		if cl := st.ChildOfKind("import_clause"); cl != nil {
			for _, c := range cl.NamedChildren() {
				switch c.Kind {
				case "identifier":
					imp.defaultName = m.text(c)
				case "namespace_import":
					imp.defaultName = m.text(c)
				case "named_imports":
					imp.named = c
					for _, s := range c.NamedChildren() {
						if s.Kind != "import_specifier" {
							continue
						}
						name := m.text(s.ChildByField("name"))
						local := name
						if a := s.ChildByField("alias"); a != nil {
							local = m.text(a)
						}
						imp.specs = append(imp.specs, importSpec{name: name, local: local, node: s})
					}
				}
			}
		}
		out = append(out, imp)
	}
	return out
}

// imported reports whether name is already imported from mod.
func (m *migration) imported(imports []importStmt, mod, name string) bool {
	for _, imp := range imports {
		if imp.module != mod {
			continue
		}
		for _, s := range imp.specs {
			if s.local == name {
				return true
			}
		}
	}
	return false
}

// quote returns the quote character the file's imports use.
func (m *migration) quote() string {
	for _, imp := range m.importStatements() {
		if s := imp.node.ChildByField("source"); s != nil && strings.HasPrefix(m.text(s), "'") {
			return "'"
		}
	}
	return `"`
}

// containsIdent reports whether name occurs in text as a whole identifier
// (not inside a longer name such as $NextApiRequest or NextApiRequestX).
func containsIdent(text, name string) bool {
	for i := 0; ; {
		k := strings.Index(text[i:], name)
		if k < 0 {
			return false
		}
		start, end := i+k, i+k+len(name)
		if (start == 0 || !isIdentByte(text[start-1])) && (end == len(text) || !isIdentByte(text[end])) {
			return true
		}
		i = start + 1
	}
}

func isIdentByte(b byte) bool {
	return b == '_' || b == '$' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}
