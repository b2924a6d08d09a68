package codemod

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// skipDirs are folder names never descended into.
var skipDirs = map[string]bool{"node_modules": true, ".next": true, ".git": true, "out": true, ".vercel": true, ".turbo": true}

// linkReason is the skip reason of a route file or folder that is a symbolic link.
const linkReason = "a symbolic link: routemod migrates files, not links to them (migrate the file it points to, or replace the link with the file)"

// Discover returns the API route files of the project at root as sorted
// slash paths relative to root, from pages/api and src/pages/api, matched
// by the page extensions exts; and, with a reason each, the route files and
// folders it left alone (symbolic links). It stops when ctx is cancelled.
func Discover(ctx context.Context, root string, exts []string) (routes []string, skipped map[string]string, err error) {
	skipped = map[string]string{}
	real, _ := filepath.EvalSymlinks(root)
	linkSkip := func(p string) string {
		if t, err := filepath.EvalSymlinks(p); err == nil && real != "" && !within(real, t) {
			return fmt.Sprintf("a symbolic link to %s, outside the project root: left as it is", t)
		}
		return linkReason
	}
	for _, base := range []string{"pages/api", "src/pages/api"} {
		dir := filepath.Join(root, filepath.FromSlash(base))
		st, err := os.Lstat(dir)
		if err != nil {
			continue
		}
		if st.Mode()&fs.ModeSymlink != 0 {
			if t, err := os.Stat(dir); err == nil && t.IsDir() {
				skipped[base] = linkSkip(dir)
			}
			continue
		}
		if !st.IsDir() {
			continue
		}
		err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
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
			if d.Type()&fs.ModeSymlink != 0 {
				// A link to a folder of routes, or to a route file.
				if t, err := os.Stat(p); err == nil && t.IsDir() {
					skipped[rel] = linkSkip(p)
				} else if _, ok := RouteExt(rel, exts); ok {
					skipped[rel] = linkSkip(p)
				}
				return nil
			}
			if _, ok := RouteExt(rel, exts); ok && d.Type().IsRegular() {
				routes = append(routes, rel)
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	sort.Strings(routes)
	return routes, skipped, nil
}
