// Package project is routemod's project index: one pass over the
// project's own source files (never node_modules or build output) that
// records what each module imports and exports, resolves module paths as
// TypeScript and Next.js do (relative paths, tsconfig baseUrl and paths,
// extensions, index files), and knows which routes move in this run. The
// transforms ask it questions; they never read other files themselves.
//
// It keeps a summary of each file (a Module), never its text or tree, and
// reads each file once.
package project

import (
	"iter"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/routemod/routemod/codemod"
)

// Index is what routemod knows of one project.
type Index struct {
	cfg       Config
	files     map[string]*Module  // every source file, by slash path relative to the root
	moves     map[string]string   // route => target, as planned for this run
	importers map[string][]string // file => the files that import it, sorted
	// unknown is set when an import that may name a route resolves to no
	// file (an alias defined outside what routemod reads).
	unknown bool
	// complete is set when the index saw every file of the project.
	complete bool
	// installed are the library versions ReadInstalled read (installed.go).
	installed map[string]Installed
	// uses records, per project function, what each parameter does with a
	// pages request or response (see roles).
	uses map[funcKey][]ParamUse
	// wrappers are the functions routes' default exports call, by module
	// (see findWrappers).
	wrappers map[string][]string
	// wrapped are the routes whose default export calls one of them: the
	// module and the local name there.
	wrapped map[string][2]string
	// wrapperRoutes are, per function of wrappers, the routes that import it.
	wrapperRoutes map[[2]string][]string
}

// Build indexes the files of a project: every source file, and its
// tsconfig.json or jsconfig.json (and the configs they extend). moves maps
// each route of the run to its planned target, and each route an earlier
// run moved (its file gone) to its file in app/.
func Build(files iter.Seq[codemod.Source], moves map[string]string) *Index {
	ix := &Index{files: map[string]*Module{}, moves: moves, importers: map[string][]string{}, complete: true}
	configs := map[string][]byte{}
	type scanned struct {
		rel string
		mod *Module
	}
	in := make(chan codemod.Source, 64)
	out := make(chan scanned, 64)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range in {
				out <- scanned{s.Path, Scan(s.Src)}
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		for s := range out {
			ix.files[s.rel] = s.mod
		}
		close(done)
	}()
	for s := range files {
		if strings.HasSuffix(s.Path, ".json") {
			configs[s.Path] = s.Src
			continue
		}
		in <- s
	}
	close(in)
	wg.Wait()
	close(out)
	<-done
	// A route an earlier run moved is gone from disk: it stays a module
	// here, so that the imports still naming it resolve to it.
	for r := range moves {
		if !ix.has(r) {
			ix.files[r] = &Module{}
		}
	}
	read := func(p string) ([]byte, bool) { b, ok := configs[p]; return b, ok }
	for _, name := range []string{"tsconfig.json", "jsconfig.json"} {
		if text, ok := configs[name]; ok {
			ix.cfg = ParseConfig(name, text, read)
			break
		}
	}
	ix.link()
	ix.roles()
	return ix
}

// FromMoves is an index that knows only the routes of moves: for a file
// migrated on its own (no project was read). It answers that it cannot
// tell who imports what.
func FromMoves(moves map[string]string) *Index {
	ix := &Index{files: map[string]*Module{}, moves: moves, importers: map[string][]string{}}
	for r := range moves {
		ix.files[r] = &Module{}
	}
	return ix
}

// link resolves every import and records who imports what.
func (ix *Index) link() {
	canon := make(map[string]string, len(ix.files)) // one string per path, however often it is named
	for rel := range ix.files {
		canon[rel] = rel
	}
	seen := map[string]bool{}
	for rel, m := range ix.files {
		clear(seen)
		for i := range m.Imports {
			imp := &m.Imports[i]
			imp.Target, _ = ix.Resolve(rel, imp.Spec)
			imp.Target = canon[imp.Target]
			switch {
			case imp.Target == "":
				if !relative(imp.Spec) && strings.Contains(imp.Spec, "pages/api") || ix.cfg.Partial && strings.Contains(imp.Spec, "api/") {
					ix.unknown = true
				}
			case imp.Target != rel && !seen[imp.Target]:
				seen[imp.Target] = true
				ix.importers[imp.Target] = append(ix.importers[imp.Target], rel)
			}
		}
	}
	for _, l := range ix.importers {
		sort.Strings(l)
	}
	ix.findWrappers()
	for rel, m := range ix.files {
		// Only a module some file imports can have its functions called
		// from another file: the others' function summaries go (most routes).
		if len(ix.importers[rel]) == 0 && !keepsNames(rel) {
			m.Funcs, m.Helpers = nil, nil
			m.compact(ix.files)
		}
		m.keepResolved()
	}
}

// compact keeps, of the imports of a module no file imports, what
// ImportersOf asks (the target, the kind, whether it takes the default
// export): bindingIn on it needs the module as Scan reads it (see Handles).
// The names it takes from a module with helpers stay, for Users.
func (m *Module) compact(files map[string]*Module) {
	for i := range m.Imports {
		imp := &m.Imports[i]
		if t := files[imp.Target]; t != nil && len(t.Helpers) > 0 {
			continue
		}
		if imp.Default == "" && imp.TakesDefault() {
			imp.Default = "default"
		}
		imp.Names, imp.Namespace = nil, ""
	}
}

// keepResolved drops the imports of packages (and of missing files): the
// index answers questions about the project's own modules only. A
// re-export of a dropped import keeps From -2.
func (m *Module) keepResolved() {
	keep := 0
	for _, imp := range m.Imports {
		if imp.Target != "" {
			keep++
		}
	}
	if keep == len(m.Imports) {
		return
	}
	at := make([]int, len(m.Imports))
	out := make([]Import, 0, keep)
	for i, imp := range m.Imports {
		at[i] = -2
		if imp.Target != "" {
			at[i] = len(out)
			out = append(out, imp)
		}
	}
	for i := range m.Exports {
		if e := &m.Exports[i]; e.From >= 0 {
			e.From = at[e.From]
		}
	}
	m.Imports = out
}

func relative(spec string) bool {
	return spec == "." || spec == ".." || strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../")
}

// has reports whether rel is a file of the project.
func (ix *Index) has(rel string) bool { _, ok := ix.files[rel]; return ok }

// Resolve returns the project file spec names from the file from, and
// how it got there; "" and Unresolved for a package or a missing file.
func (ix *Index) Resolve(from, spec string) (string, How) {
	return ix.cfg.Resolve(from, spec, ix.has)
}

// Respell writes the specifier the file from should use for the file to
// (which may not exist yet) where it wrote spec, keeping spec's style:
// relative stays relative, an alias stays an alias, a baseUrl path stays
// one. The result resolves to to once to exists, or is relative.
func (ix *Index) Respell(from, spec, to string) string {
	_, how := ix.Resolve(from, spec)
	s := ix.cfg.Respell(from, spec, how, to)
	withTo := func(p string) bool { return p == to || p != from && ix.has(p) }
	if got, _ := ix.cfg.Resolve(from, s, withTo); got == to {
		return s
	}
	return ix.cfg.Respell(from, spec, Relative, to)
}

// Module returns the summary of the file rel, nil when it is not a
// source file of the project.
func (ix *Index) Module(rel string) *Module { return ix.files[rel] }

// Importers returns the files that import rel (sorted; never rel itself).
func (ix *Index) Importers(rel string) []string { return ix.importers[rel] }

// Imported reports whether any file of the project imports rel. known is
// false when that cannot be said: the index did not see the whole
// project, or an import that may name a route did not resolve.
func (ix *Index) Imported(rel string) (imported, known bool) {
	if !ix.complete || ix.unknown {
		return false, false
	}
	return len(ix.importers[rel]) > 0, true
}

// Move returns where the route rel moves in this run, as planned ("",
// false when it stays). A migration can still leave a planned route in
// place (a wrapped handler is skipped).
func (ix *Index) Move(rel string) (string, bool) {
	t, ok := ix.moves[rel]
	return t, ok
}

// Stays reports whether the planned route rel certainly stays where it
// is: the index read it, and it has no default export (a helper module,
// "not a route") or its default export wraps a call (withAuth(handler)),
// both of which the migration skips (a project wrapper routemod can apply
// aside: see WrapperOf). next-auth's catch-all route
// ([...nextauth], export default NextAuth(options)) may move: the library
// table knows it.
func (ix *Index) Stays(rel string) bool {
	mod := ix.files[rel]
	if !ix.complete || mod == nil {
		return false
	}
	for _, e := range mod.Exports {
		if e.Name == "default" {
			return e.Call != "" && !strings.HasPrefix(path.Base(rel), "[...nextauth].")
		}
	}
	return true
}

// Definition follows the export name of the module rel through
// re-exports to the module that defines it, and returns that module and
// the local name there ("" for an anonymous default export).
func (ix *Index) Definition(rel, name string) (file, local string, ok bool) {
	return ix.definition(rel, name, 0)
}

func (ix *Index) definition(rel, name string, depth int) (string, string, bool) {
	m := ix.files[rel]
	if m == nil || depth > 16 {
		return "", "", false
	}
	for _, e := range m.Exports {
		if e.Name != name {
			continue
		}
		if e.From == -2 {
			return "", "", false // re-exported from a package
		}
		if e.From < 0 {
			return rel, e.Local, true
		}
		imp := m.Imports[e.From]
		if imp.Target == "" || e.Local == "*" {
			return "", "", false
		}
		return ix.definition(imp.Target, e.Local, depth+1)
	}
	if name == "default" {
		return "", "", false // export * does not forward a default
	}
	for _, imp := range m.Imports {
		if imp.Star && imp.Target != "" {
			if f, l, ok := ix.definition(imp.Target, name, depth+1); ok {
				return f, l, true
			}
		}
	}
	return "", "", false
}

// Defines reports whether the module rel, one some file imports,
// defines the module-level function fn (the index keeps no functions of
// a module nothing imports: no other file can call them).
func (ix *Index) Defines(rel, fn string) bool {
	if m := ix.files[rel]; m != nil {
		for _, f := range m.Funcs {
			if f == fn {
				return true
			}
		}
	}
	return false
}

// bindingIn returns the module and export name a local name of rel was
// imported as (import { a as b } from "./m": b => m, a), from m, the
// module rel as Scan reads it or as the index keeps it (the index keeps
// no names of a module no file imports).
func (ix *Index) bindingIn(rel string, m *Module, local string) (file, name string, ok bool) {
	if m == nil {
		return "", "", false
	}
	for _, imp := range m.Imports {
		if imp.Target == "" {
			imp.Target, _ = ix.Resolve(rel, imp.Spec)
		}
		if imp.Target == "" || imp.Kind == ReExport {
			continue
		}
		if imp.Default == local {
			return imp.Target, "default", true
		}
		for _, n := range imp.Names {
			if n.Local == local {
				return imp.Target, n.Name, true
			}
		}
	}
	return "", "", false
}

// ImportersOf returns the files that import rel, and whether each takes
// its default export (a default import, { default }, a require or an
// import()): for a route, the pages handler a route.ts no longer has.
func (ix *Index) ImportersOf(rel string) []codemod.Importer {
	var out []codemod.Importer
	for _, from := range ix.importers[rel] {
		i := codemod.Importer{From: from, Route: codemod.IsRouteFile(from)}
		for _, imp := range ix.files[from].Imports {
			if imp.Target == rel && imp.TakesDefault() {
				i.Handler = true
			}
		}
		out = append(out, i)
	}
	return out
}

// TakesDefault reports whether imp takes its module's default export: a
// default import, { default }, a require or an import().
func (imp Import) TakesDefault() bool {
	if imp.Default != "" || imp.Kind == Require || imp.Kind == Dynamic && !imp.Type {
		return true
	}
	for _, n := range imp.Names {
		if n.Name == "default" {
			return true
		}
	}
	return false
}
