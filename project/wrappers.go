package project

import (
	"io/fs"
	"slices"
	"sort"
)

// findWrappers records, for every route whose default export calls a
// function the project defines in another module (export default
// withAuth(handler), export default withRole("admin")(handler)), that
// module and the function's local name there. It runs in link, while the
// routes' import names are still known.
func (ix *Index) findWrappers() {
	for rel, m := range ix.files {
		if _, ok := ix.moves[rel]; !ok {
			continue
		}
		for _, e := range m.Exports {
			if e.Name != "default" || e.Call == "" {
				continue
			}
			f, exp, ok := ix.bindingIn(rel, m, e.Call)
			if !ok {
				continue
			}
			df, local, ok := ix.Definition(f, exp)
			if !ok || local == "" || df == rel {
				continue
			}
			if ix.wrappers == nil {
				ix.wrappers, ix.wrapped = map[string][]string{}, map[string][2]string{}
			}
			ix.wrapped[rel] = [2]string{df, local}
			if !slices.Contains(ix.wrappers[df], local) {
				ix.wrappers[df] = append(ix.wrappers[df], local)
				sort.Strings(ix.wrappers[df])
			}
		}
	}
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

// ReadWrappers reads the text of every module Wrappers names from fsys
// (the project root), once, for the transforms to read the wrappers'
// bodies; a module that cannot be read is left out.
func (ix *Index) ReadWrappers(fsys fs.FS) map[string][]byte {
	out := map[string][]byte{}
	for file := range ix.wrappers {
		if b, err := fs.ReadFile(fsys, file); err == nil {
			out[file] = b
		}
	}
	return out
}
