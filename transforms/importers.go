package transforms

import (
	"iter"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/libraries"
	"github.com/routemod/routemod/project"
)

// Prepare implements codemod.Migrator: it builds the project's index, which
// the transforms of every route of the project then ask.
func (mg *Migrator) Prepare(p *codemod.Project, files iter.Seq[codemod.Source]) {
	moves := p.Moves
	if len(p.Earlier) > 0 {
		moves = maps.Clone(p.Moves)
		maps.Copy(moves, p.Earlier) // routes earlier runs moved: their importers are re-pointed too
	}
	src := map[string][]byte{} // the files outside pages/, for the helper plan
	ix := project.Build(func(yield func(codemod.Source) bool) {
		for s := range files {
			if !strings.HasPrefix(s.Path, "pages/") && !strings.HasPrefix(s.Path, "src/pages/") && !strings.HasSuffix(s.Path, ".json") {
				src[s.Path] = s.Src
			}
			if !yield(s) {
				return
			}
		}
	}, moves)
	if p.Root != "" {
		ix.ReadInstalled(os.DirFS(p.Root), libraries.Packages())
	}
	mg.indexes.Store(p, ix)
	cm := readLibModules(src)
	if p.Root != "" {
		if bp := nextBasePath(os.DirFS(p.Root)); bp != "" {
			if cm == nil {
				cm = newLibModules()
			}
			cm.basePath = bp
		}
	}
	if cm != nil {
		mg.libMods.Store(p, cm)
	}
	pl := buildHelperPlan(ix, src, p.Moves)
	if pl != nil {
		mg.plans.Store(p, pl)
	}
	if len(ix.Wrappers()) > 0 {
		mg.wrappers.Store(p, readWrappers(ix, wrapperTexts(ix, src, p.Root), pl))
	}
}

// plan returns the helper plan of p, nil when it has none.
func (mg *Migrator) plan(p *codemod.Project) *helperPlan {
	if p == nil {
		return nil
	}
	if pl, ok := mg.plans.Load(p); ok {
		return pl.(*helperPlan)
	}
	return nil
}

// Settle implements codemod.Migrator: once every route's fate is known,
// the helper plan decides each helper (in place, or beside under a new
// name) and returns the routes to migrate again and the helper modules'
// changes.
//
// The project's wrappers that routes moving in this run apply are
// rewritten in place, or get their app version beside them, likewise
// (see wrapperPlan.settle).
func (mg *Migrator) Settle(p *codemod.Project, moves func(rel string) bool) ([]string, []*codemod.ProjectChange) {
	if !mg.selected["response"] {
		return nil, nil
	}
	var redo []string
	var changes []*codemod.ProjectChange
	if pl := mg.plan(p); pl != nil {
		if ws, ok := mg.wrappers.Load(p); ok {
			pl.byWrappers = ws.(*wrapperPlan).helperNeeds(moves)
		}
		redo, changes = pl.settle(moves)
	}
	if ws, ok := mg.wrappers.Load(p); ok {
		r, c := ws.(*wrapperPlan).settle(moves)
		redo, changes = append(redo, r...), append(changes, c...)
		sort.Strings(redo)
		redo = slices.Compact(redo)
	}
	return redo, mergeModuleChanges(changes)
}

// index returns the index of p: the one Prepare built, or one that knows
// only p's routes (a file migrated on its own).
func (mg *Migrator) index(p *codemod.Project) *project.Index {
	if p == nil {
		return project.FromMoves(nil)
	}
	if ix, ok := mg.indexes.Load(p); ok {
		return ix.(*project.Index)
	}
	ix, _ := mg.indexes.LoadOrStore(p, project.FromMoves(p.Moves))
	return ix.(*project.Index)
}

// ImportersOf implements codemod.Migrator: the files that import rel,
// whichever way they spell the path.
func (mg *Migrator) ImportersOf(p *codemod.Project, rel string) []codemod.Importer {
	return mg.index(p).ImportersOf(rel)
}

// Repoint implements codemod.Migrator: it re-points one file's imports of
// moved routes, keeping how each was spelled (relative, a tsconfig paths
// alias, a baseUrl path), and marks those that took the old handler.
//
//	import type { Body } from "@/pages/api/send" => "@/app/api/send/route"
//	import { Body } from "pages/api/send"        => "app/api/send/route" (baseUrl ".")
//	import handler from "../pages/api/send"      => "../app/api/send/route", with a TODO (the handler is gone)
//	import { authOptions } from "@/pages/api/auth/[...nextauth]" => "@/app/api/auth/[...nextauth]/auth-options" (moved out of the route: nextAuthSplit)
func (mg *Migrator) Repoint(f *codemod.File, moved map[string]string) {
	ix := mg.index(f.Project)
	for _, imp := range project.Scan(f.Src).Imports {
		target, _ := ix.Resolve(f.Path, imp.Spec)
		to, ok := moved[target]
		if !ok {
			continue
		}
		if sp, ok := nextAuthSplit(ix, target); ok {
			if names, ok := importNames(imp); ok && sp.covers(names) {
				// import { authOptions } from "@/pages/api/auth/[...nextauth]" => "@/app/api/auth/[...nextauth]/auth-options"
				f.Replace(imp.Start, imp.End, ix.Respell(f.Path, imp.Spec, sp.module))
				line, _ := codemod.LineCol(f.Src, imp.Start)
				f.Note("line %d imports %s from %s, which moved to %s: re-pointed", line, strings.Join(names, ", "), imp.Spec, sp.module)
				continue
			}
		}
		spec := ix.Respell(f.Path, imp.Spec, to)
		f.Replace(imp.Start, imp.End, spec)
		line, _ := codemod.LineCol(f.Src, imp.Start)
		if imp.TakesDefault() {
			f.Todo(imp.Start, "this imported the pages-router handler %s; it moved to %s, which exports one function per method taking a NextRequest: update this code", imp.Spec, to)
		}
		f.Note("line %d imports %s, which moves to %s: re-pointed", line, imp.Spec, to)
	}
}
