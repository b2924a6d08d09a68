package codemod

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// skipDirs are folder names never descended into.
var skipDirs = map[string]bool{"node_modules": true, ".next": true, ".git": true, "out": true, ".vercel": true, ".turbo": true}

// Discover returns the API route files of the project at root as sorted
// slash paths relative to root, from pages/api and src/pages/api, matched
// by the page extensions exts.
func Discover(root string, exts []string) ([]string, error) {
	var out []string
	for _, base := range []string{"pages/api", "src/pages/api"} {
		dir := filepath.Join(root, filepath.FromSlash(base))
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != dir && skipDirs[d.Name()] {
					return filepath.SkipDir
				}
				return nil
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			rel = filepath.ToSlash(rel)
			if _, ok := RouteExt(rel, exts); ok && d.Type().IsRegular() {
				out = append(out, rel)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}
