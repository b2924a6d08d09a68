package project

import (
	"slices"
	"sort"
)

// findWrappers records, for every route whose default export calls a
// function (export default withAuth(handler), export default
// withRole("admin")(handler), export default withA(withB(handler))), the
// functions that route imports from other modules of the project: the
// wrappers it may call there, each with the routes that import it. It runs
// in link, while the routes' import names are still known.
func (ix *Index) findWrappers() {
	for rel, m := range ix.files {
		if _, ok := ix.moves[rel]; !ok {
			continue
		}
		call := ""
		for _, e := range m.Exports {
			if e.Name == "default" && e.Call != "" {
				call = e.Call
			}
		}
		if call == "" {
			continue
		}
		var locals []string
		for _, imp := range m.Imports {
			if imp.Type || imp.Kind == ReExport {
				continue
			}
			if imp.Default != "" {
				locals = append(locals, imp.Default)
			}
			for _, n := range imp.Names {
				if !n.Type {
					locals = append(locals, n.Local)
				}
			}
		}
		for _, local := range locals {
			f, exp, ok := ix.bindingIn(rel, m, local)
			if !ok {
				continue
			}
			df, name, ok := ix.Definition(f, exp)
			if !ok || name == "" || df == rel || !ix.Defines(df, name) {
				continue
			}
			if ix.wrappers == nil {
				ix.wrappers, ix.wrapped, ix.wrapperRoutes = map[string][]string{}, map[string][2]string{}, map[[2]string][]string{}
			}
			if local == call {
				ix.wrapped[rel] = [2]string{df, name}
			}
			k := [2]string{df, name}
			ix.wrapperRoutes[k] = append(ix.wrapperRoutes[k], rel)
			if !slices.Contains(ix.wrappers[df], name) {
				ix.wrappers[df] = append(ix.wrappers[df], name)
				sort.Strings(ix.wrappers[df])
			}
		}
	}
	for _, l := range ix.wrapperRoutes {
		sort.Strings(l)
	}
}

// WrapperRoutes returns the routes (with a wrapped default export) that
// import the function name of file, sorted.
func (ix *Index) WrapperRoutes(file, name string) []string {
	return ix.wrapperRoutes[[2]string{file, name}]
}

// Wrappers returns the modules that define a function some route's
// default export calls (a wrapper: withAuth(handler)), each with those
// functions' local names.
func (ix *Index) Wrappers() map[string][]string { return ix.wrappers }

// WrapperOf returns the module and local name of the project function
// the route rel's default export calls, ok false when it calls none.
func (ix *Index) WrapperOf(rel string) (file, name string, ok bool) {
	w, ok := ix.wrapped[rel]
	return w[0], w[1], ok
}

// OnlyTypesFrom reports whether every import from of file takes types
// alone (import type { AuthedRequest } from "./withAuth"): rewriting
// file's functions cannot break it.
func (ix *Index) OnlyTypesFrom(from, file string) bool {
	m := ix.files[from]
	if m == nil {
		return false
	}
	for _, imp := range m.Imports {
		if imp.Target != file || imp.Type {
			continue
		}
		if imp.Kind == ReExport || imp.Default != "" || imp.Namespace != "" || imp.Kind == Require || imp.Kind == Dynamic || imp.Kind == Mock {
			return false
		}
		for _, n := range imp.Names {
			if !n.Type {
				return false
			}
		}
		if len(imp.Names) == 0 {
			return false
		}
	}
	return true
}
