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

// moduleSpec matches the module specifier of an import, an export ... from,
// a dynamic import() or a require(): group 2. Strings in comments match
// too, which only makes a route look imported.
var moduleSpec = regexp.MustCompile(`(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(["'])([^"'\n]+)["']`)

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
		dir := path.Dir(filepath.ToSlash(rel))
		for _, m := range moduleSpec.FindAllSubmatch(src, -1) {
			spec := string(m[2])
			if !strings.HasPrefix(spec, "./") && !strings.HasPrefix(spec, "../") {
				if strings.Contains(spec, "api/") {
					known = false // an alias ("@/pages/api/x") or a package path: not resolved here
				}
				continue
			}
			if route, ok := p.routeAt(path.Join(dir, spec)); ok {
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

// routeAt returns the route file a resolved import target names (with or
// without its extension, or as a folder with an index file).
func (p *Project) routeAt(target string) (string, bool) {
	if _, ok := p.Moves[target]; ok {
		return target, true
	}
	for e := range sourceExts {
		if _, ok := p.Moves[target+e]; ok {
			return target + e, true
		}
		if _, ok := p.Moves[target+"/index"+e]; ok {
			return target + "/index" + e, true
		}
	}
	return "", false
}
