package project

import (
	"slices"
	"sort"
	"strings"
)

// HelperFunc is an exported module-level function of the project, outside
// pages/, one of whose parameters receives a pages request or response:
// a helper the routes call with req or res (sendError(res, 400, m),
// requireUser(req, res), getUser(req)).
type HelperFunc struct {
	File, Name string
	Exports    []string   // the names it is exported under
	Uses       []ParamUse // per parameter (see Handles)
}

// HelperFuncs lists the project's helpers, sorted by file and name.
func (ix *Index) HelperFuncs() []HelperFunc {
	var out []HelperFunc
	for file, m := range ix.files {
		if isPages(file) {
			continue
		}
		for _, fn := range m.Helpers {
			uses := ix.uses[funcKey{file, fn.Name}]
			role := Role(0)
			for _, u := range uses {
				role |= u.Role
			}
			if role == 0 {
				continue
			}
			var names []string
			for _, e := range m.Exports {
				if e.From == -1 && e.Local == fn.Name && e.Kind != TypeOnly {
					names = append(names, e.Name)
				}
			}
			if len(names) == 0 {
				continue
			}
			out = append(out, HelperFunc{File: file, Name: fn.Name, Exports: names, Uses: slices.Clone(uses)})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Users returns the files that may use the function file exports under
// names: those that import one of the names, or the whole module (a
// namespace, a default import, require, import()); sorted. reexported is
// set when a file re-exports it (export { f } from, export *): its users
// then import it from that file.
func (ix *Index) Users(file string, names []string) (users []string, reexported bool) {
	for _, from := range ix.importers[file] {
		m := ix.files[from]
		uses := false
		for _, imp := range m.Imports {
			if imp.Target != file || imp.Type {
				continue
			}
			if imp.Kind == ReExport {
				if imp.Star {
					reexported = true
				}
				for _, e := range m.Exports {
					if e.From >= 0 && m.Imports[e.From].Target == file && slices.Contains(names, e.Local) {
						reexported = true
					}
				}
				continue
			}
			if imp.Kind == Mock || imp.Kind == Dynamic && imp.Type {
				continue
			}
			if imp.Namespace != "" || imp.Kind == Require || imp.Kind == Dynamic {
				uses = true
			}
			for _, n := range imp.Names {
				if !n.Type && slices.Contains(names, n.Name) {
					uses = true
				}
			}
			if imp.Default != "" && slices.Contains(names, "default") {
				uses = true
			}
		}
		if uses {
			users = append(users, from)
		}
	}
	return users, reexported
}

// isPages reports whether rel lies under pages/ or src/pages/.
func isPages(rel string) bool {
	return strings.HasPrefix(rel, "pages/") || strings.HasPrefix(rel, "src/pages/")
}
