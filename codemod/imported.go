package codemod

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// importedRoutes is what Project.Imported knows, found once per project.
type importedRoutes struct {
	once  sync.Once
	known bool                  // false: some import could name a route and cannot be resolved
	files map[string]bool       // route files (slash rel) another source file imports
	by    map[string][]importer // route file => the files that import it (relative specifiers)
}

// importer is a file that imports a route through a relative specifier.
type importer struct {
	from    string // slash rel of the importing file
	route   bool   // the importing file is itself a route
	handler bool   // it takes the route's default export, the pages handler: moving the route marks it
}

// aliasSpecRE matches an import whose specifier is not relative and
// mentions api/ (group 3): a path alias such as "@/pages/api/x" may name a
// route, and routemod does not resolve aliases. Relative specifiers are
// specRE's.
var aliasSpecRE = regexp.MustCompile(`(from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)(['"])([^.'"\n][^'"\n]*api/[^'"\n]*)(['"])`)

// Imported reports whether any source file of the project imports the
// route file rel (a slash path relative to the root). known is false when
// that cannot be said: no root, an unreadable tree, or a specifier that is
// not relative and mentions api/ (a path alias such as "@/pages/api/x",
// which routemod does not resolve).
func (p *Project) Imported(rel string) (imported, known bool) {
	p.imports.once.Do(p.findImported)
	if !p.imports.known {
		return false, false
	}
	return p.imports.files[rel], true
}

// importersOf lists the files that import the route file rel through a
// relative specifier.
func (p *Project) importersOf(rel string) []importer {
	p.imports.once.Do(p.findImported)
	return p.imports.by[rel]
}

// findImported scans every source file of the project once for the route
// files it imports.
func (p *Project) findImported() {
	if p.Root == "" {
		return
	}
	files := map[string]bool{}
	by := map[string][]importer{}
	known := true
	err := filepath.WalkDir(p.Root, func(abs string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if abs != p.Root && (skipDirs[d.Name()] || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !sourceExts[path.Ext(d.Name())] {
			return nil
		}
		src, err := os.ReadFile(abs)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(p.Root, abs)
		if err != nil {
			return err
		}
		if aliasSpecRE.Match(src) {
			known = false
		}
		rel = filepath.ToSlash(rel)
		dir := path.Dir(rel)
		for _, m := range specRE.FindAllSubmatchIndex(src, -1) {
			if route, ok := moduleFile(path.Join(dir, string(src[m[6]:m[7]])), p.Moves); ok {
				files[route] = true
				by[route] = append(by[route], importer{from: rel, route: IsRouteFile(rel), handler: importsHandler(src, m)})
			}
		}
		return nil
	})
	if err != nil {
		return
	}
	p.imports.files, p.imports.by, p.imports.known = files, by, known
}
