package transforms

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/project"
)

// wrapperPlan is what the project's own wrappers become: read once in
// Prepare (readWrappers), applied per export by the routes' migrations,
// and decided in Settle once every route's fate is known: a wrapper every
// user of which moves in this run is rewritten in place; otherwise its app
// version is added beside it (withAuthRoute) and the pages one stays for
// the files that stay. The routes that called it by another name are
// migrated again, and each module gets one codemod.ProjectChange.
type wrapperPlan struct {
	ix    *project.Index
	byKey map[[2]string]*wrapper
	texts map[string][]byte

	mu sync.Mutex
	// called records, per route, the wrappers its migration applied and
	// the name it called each by; decided the names Settle gave.
	called  map[string]map[[2]string]string
	decided map[[2]string]string
	// imports records, per route that imports a wrapper module, the
	// wrappers it imports (see noteImports).
	imports map[string]map[[2]string]bool
}

// noteImports records which wrappers the route f imports, read from its
// own scan, for Settle: a route that imports a wrapper it does not apply,
// or that does not move, keeps the pages version in use.
func (pl *wrapperPlan) noteImports(m *migration) {
	if pl == nil || len(pl.byKey) == 0 {
		return
	}
	mod := pl.ix.Module(m.f.Path)
	if mod == nil {
		return
	}
	any := false
	for _, imp := range mod.Imports {
		if _, ok := pl.texts[imp.Target]; ok {
			any = true
		}
	}
	if !any {
		return
	}
	got := map[[2]string]bool{}
	for _, imp := range m.module().Imports {
		var locals []string
		if imp.Default != "" {
			locals = append(locals, imp.Default)
		}
		for _, n := range imp.Names {
			locals = append(locals, n.Local)
		}
		if imp.Namespace != "" {
			locals = append(locals, imp.Namespace)
		}
		for _, l := range locals {
			if file, name, _, ok := pl.ix.Handles(m.f.Path, m.module(), l); ok {
				if pl.byKey[[2]string{file, name}] != nil {
					got[[2]string{file, name}] = true
				}
			}
		}
		if imp.Namespace != "" || imp.Kind == project.Require {
			// import * as auth / require("../lib/auth"): any of its wrappers
			if t, _ := pl.ix.Resolve(m.f.Path, imp.Spec); t != "" {
				for k := range pl.byKey {
					if k[0] == t {
						got[k] = true
					}
				}
			}
		}
	}
	pl.mu.Lock()
	if pl.imports == nil {
		pl.imports = map[string]map[[2]string]bool{}
	}
	pl.imports[m.f.Path] = got
	pl.mu.Unlock()
}

// get returns the wrapper name of file, nil when routemod did not read it.
func (pl *wrapperPlan) get(file, name string) *wrapper {
	if pl == nil {
		return nil
	}
	return pl.byKey[[2]string{file, name}]
}

// appName is the name a route calls the app version of w by: the one
// Settle decided, else a guess (in place unless a file other than a route
// imports its module, or its module uses it).
func (pl *wrapperPlan) appName(w *wrapper) string {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	k := [2]string{w.file, w.name}
	if n, ok := pl.decided[k]; ok {
		return n
	}
	if w.pinned {
		return pl.besideName(w)
	}
	for _, imp := range pl.ix.Importers(w.file) {
		if !codemod.IsRouteFile(imp) && !pl.ix.OnlyTypesFrom(imp, w.file) {
			return pl.besideName(w)
		}
	}
	return w.name
}

// besideName is the name of w's app version added beside it.
func (pl *wrapperPlan) besideName(w *wrapper) string {
	base := w.name + "Route"
	name := base
	for i := 2; pl.ix.Defines(w.file, name) || definedIn(pl.texts[w.file], name); i++ {
		name = base + string(rune('0'+i))
	}
	return name
}

// record notes that the route rel called w by name.
func (pl *wrapperPlan) record(rel string, w *wrapper, name string) {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	if pl.called[rel] == nil {
		pl.called[rel] = map[[2]string]string{}
	}
	pl.called[rel][[2]string{w.file, w.name}] = name
}

// settle decides each applied wrapper's name once the fate of every route
// is known (moves), and returns the routes to migrate again (they called
// it by another name) and the changes of the wrappers' modules.
func (pl *wrapperPlan) settle(moves func(string) bool) ([]string, []*codemod.ProjectChange) {
	pl.mu.Lock()
	users := map[[2]string][]string{} // the moving routes that apply each wrapper
	for rel, ws := range pl.called {
		if !moves(rel) {
			continue
		}
		for k := range ws {
			users[k] = append(users[k], rel)
		}
	}
	decided := map[[2]string]string{}
	for k, rs := range users {
		sort.Strings(rs)
		w := pl.byKey[k]
		name := w.name
		if w.pinned {
			name = pl.besideName(w)
		}
		for _, imp := range pl.ix.Importers(w.file) {
			if !codemod.IsRouteFile(imp) && pl.ix.OnlyTypesFrom(imp, w.file) {
				continue // import type { AuthedRequest } from "./withAuth": its types stay
			}
			// a file that imports it must be a route that moves and applies it
			got, read := pl.imports[imp]
			if !codemod.IsRouteFile(imp) || !read || got[k] && (!moves(imp) || pl.called[imp][k] == "") {
				name = pl.besideName(w)
			}
		}
		decided[k] = name
	}
	pl.decided = decided
	var redo []string
	for rel, ws := range pl.called {
		if !moves(rel) {
			continue
		}
		for k, n := range ws {
			if decided[k] != n {
				redo = append(redo, rel)
				break
			}
		}
	}
	sort.Strings(redo)
	byFile := map[string][]*wrapper{}
	var files []string
	for k := range users {
		if byFile[k[0]] == nil {
			files = append(files, k[0])
		}
		byFile[k[0]] = append(byFile[k[0]], pl.byKey[k])
	}
	sort.Strings(files)
	var changes []*codemod.ProjectChange
	for _, file := range files {
		ws := byFile[file]
		sort.Slice(ws, func(i, j int) bool { return ws[i].name < ws[j].name })
		c := &codemod.ProjectChange{Path: file, Kind: codemod.KindWrapper, Src: pl.texts[file]}
		besides := map[*wrapper]string{}
		for _, w := range ws {
			k := [2]string{w.file, w.name}
			cn := codemod.ChangedName{Name: decided[k], What: "wraps route handlers (req: NextRequest, ctx) and returns their Response", Routes: users[k]}
			if decided[k] != w.name {
				cn.Beside = w.name
				besides[w] = decided[k]
			}
			c.Names = append(c.Names, cn)
			for _, r := range users[k] {
				if !slices.Contains(c.Routes, r) {
					c.Routes = append(c.Routes, r)
				}
			}
		}
		sort.Strings(c.Routes)
		ix := pl.ix
		c.Edit = func(f *codemod.File) { appModule(f, ix, ws, besides) }
		changes = append(changes, c)
	}
	pl.mu.Unlock()
	return redo, changes
}

// usedInModule reports whether the module uses name other than to define
// or export it.
func usedInModule(src []byte, root *Node, name string) bool {
	def := moduleFunction(src, root, name)
	used := false
	root.Walk(func(n *Node) bool {
		if used || def != nil && def.Contains(n) {
			return false
		}
		if n.Kind == "identifier" && n.Text(src) == name {
			switch p := n.Parent; {
			case p != nil && p.Kind == "variable_declarator" && n.Field == "name":
			case p != nil && (p.Kind == "export_specifier" || p.Kind == "export_statement"):
			default:
				used = true
			}
		}
		return !used
	})
	return used
}

// definedIn reports whether src spells name as an identifier anywhere (a
// cheap guard for a fresh name).
func definedIn(src []byte, name string) bool { return containsIdent(string(src), name) }

// holds reports whether the helper plan has helpers in the module file.
func (pl *helperPlan) holds(file string) bool {
	if pl == nil {
		return false
	}
	for _, mod := range pl.modules {
		if mod.path == file {
			return true
		}
	}
	return false
}

// wrapperTexts are the texts of the modules that define wrappers: from
// src, the files the index read, else from the project root.
func wrapperTexts(ix *project.Index, src map[string][]byte, root string) map[string][]byte {
	out := map[string][]byte{}
	for file := range ix.Wrappers() {
		if b, ok := src[file]; ok {
			out[file] = b
		} else if root != "" {
			if b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file))); err == nil {
				out[file] = b
			}
		}
	}
	return out
}

// helperNeeds returns, for each planned helper the app version of a
// wrapper calls, the moving routes that apply that wrapper: the helper's
// app version must be written for them (see helperPlan.settle).
func (pl *wrapperPlan) helperNeeds(moves func(string) bool) map[helperKey][]string {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	out := map[helperKey][]string{}
	for rel, ws := range pl.called {
		if !moves(rel) {
			continue
		}
		for k := range ws {
			w := pl.byKey[k]
			if w == nil {
				continue
			}
			for _, hk := range w.calls {
				if !slices.Contains(out[hk], rel) {
					out[hk] = append(out[hk], rel)
				}
			}
		}
	}
	return out
}
