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
	known bool            // false: some import could name a route and cannot be resolved
	files map[string]bool // route files (slash rel) another source file imports
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

// findImported scans every source file of the project once for the route
// files it imports.
func (p *Project) findImported() {
	if p.Root == "" {
		return
	}
	files := map[string]bool{}
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
		dir := path.Dir(filepath.ToSlash(rel))
		for _, m := range specRE.FindAllSubmatch(src, -1) {
			if route, ok := moduleFile(path.Join(dir, string(m[3])), p.Moves); ok {
				files[route] = true
			}
		}
		return nil
	})
	if err != nil {
		return
	}
	p.imports.files, p.imports.known = files, known
}
