package codemod

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Importer is a file that imports a route, as the migrator's project
// index knows it (whichever way the file spells the path).
type Importer struct {
	From    string // slash path of the importing file, relative to the root
	Route   bool   // the importing file is itself a route
	Handler bool   // it takes the route's default export, the pages handler
}

// importer is an Importer as the driver's holds read it.
type importer struct {
	from           string
	route, handler bool
}

// importersOf lists the files that import the route file rel.
func (p *Project) importersOf(rel string) []importer {
	if p.migrator == nil {
		return nil
	}
	var out []importer
	for _, i := range p.migrator.ImportersOf(p, rel) {
		out = append(out, importer{from: i.From, route: i.Route, handler: i.Handler})
	}
	return out
}

// importersOf re-points the files that import a route which moved in this
// run (moved: slash rel source => target), as the migrator lists and edits
// them: the driver reads, gates and reports each.
func importersOf(ctx context.Context, m Migrator, p *Project, moved map[string]string) []*Result {
	seen := map[string]bool{}
	var rels []string
	for route := range moved {
		for _, i := range m.ImportersOf(p, route) {
			from := i.From
			if to, ok := moved[from]; ok {
				// a route that moved too: its written file, when --write
				// wrote it (the paths transform pointed it at the old place)
				from = to
			}
			if !seen[from] {
				seen[from] = true
				rels = append(rels, from)
			}
		}
	}
	sort.Strings(rels)
	var out []*Result
	for _, rel := range rels {
		if ctx.Err() != nil {
			break
		}
		abs := filepath.Join(p.Root, filepath.FromSlash(rel))
		src, err := os.ReadFile(abs)
		if err != nil {
			continue
		}
		r := repointImports(m, p, rel, src, moved)
		if st, err := os.Lstat(abs); r != nil && err == nil && st.Mode()&os.ModeSymlink != 0 {
			to, _ := filepath.EvalSymlinks(abs)
			r = &Result{Path: rel, Kind: KindImporter, Status: StatusSkipped, Notes: r.Notes, Reasons: []string{fmt.Sprintf("a symbolic link (to %s) that imports a moved route: not written through; re-point the import in the file it points to", to)}}
		}
		if r != nil {
			out = append(out, r)
		}
	}
	return out
}

// repointImports edits one importer; nil when nothing changes.
func repointImports(m Migrator, p *Project, rel string, src []byte, moved map[string]string) *Result {
	ext := path.Ext(rel)
	f := &File{Path: rel, Src: src, TypeScript: ext == ".ts" || ext == ".tsx" || ext == ".mts" || ext == ".cts", Style: DetectStyle(src), Project: p}
	f.SetTransform("importers")
	m.Repoint(f, moved)
	if len(f.Edits()) == 0 {
		return nil
	}
	sorted, err := SortEdits(f.Edits())
	if err != nil {
		return &Result{Path: rel, Kind: KindImporter, Status: StatusError, Reasons: []string{err.Error()}}
	}
	out, err := ApplyEdits(src, sorted)
	if err != nil {
		return &Result{Path: rel, Kind: KindImporter, Status: StatusError, Reasons: []string{err.Error()}}
	}
	r := &Result{Path: rel, Kind: KindImporter, Status: StatusMigrated, Notes: f.Notes(), orig: src, out: out, Transforms: transformNames(sorted)}
	if se := Gate(out, rel); se != nil && Gate(src, rel) == nil {
		return fail(r, se.Line, se.Column, "re-pointing imports breaks the file: %s; nothing written", se.Message)
	}
	if r.TODOs = FindTODOs(out); len(r.TODOs) > 0 {
		r.Status = StatusNeedsReview
	}
	return r
}

// movedEarlier maps the sources of the routes an earlier run moved to their
// targets: for every route file in app/api or src/app/api, the pages/api
// files that would move there and are gone.
//
//	app/api/users/route.ts, no pages/api/users.ts => pages/api/users.ts: app/api/users/route.ts (and pages/api/users/index.ts)
func movedEarlier(p *Project) map[string]string {
	out := map[string]string{}
	for _, prefix := range []string{"", "src/"} {
		dir := filepath.Join(p.Root, filepath.FromSlash(prefix+"app/api"))
		walkFilesNamed(dir, "route.", func(f string) {
			rel, _ := filepath.Rel(p.Root, f)
			target := filepath.ToSlash(rel)
			stem := prefix + "pages/" + strings.TrimPrefix(path.Dir(target), prefix+"app/")
			for _, ext := range p.exts {
				for _, src := range []string{stem + "." + ext, stem + "/index." + ext} {
					if t, err := PlanTargetExt(src, ext); err != nil || t != target {
						continue
					}
					if _, err := os.Lstat(filepath.Join(p.Root, filepath.FromSlash(src))); err == nil {
						continue // still there: not moved
					}
					out[src] = target
				}
			}
		})
	}
	return out
}
