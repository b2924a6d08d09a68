package codemod

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// within reports whether path p lies in folder dir (both free of links).
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// realLocation is where a write to p would land: p with every link
// resolved, or, when p does not exist yet, its deepest existing folder
// with every link resolved.
func realLocation(p string) (string, error) {
	if _, err := os.Lstat(p); err == nil {
		return filepath.EvalSymlinks(p)
	}
	for d := filepath.Dir(p); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			return filepath.EvalSymlinks(d)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("%s: no folder of it exists", p)
		}
	}
}

// outside returns why a write to the project file rel (slash path) would
// land outside the project root, or "" when it stays inside.
//
//	app -> /elsewhere, target app/api/x/route.ts => "app/api/x/route.ts resolves outside the project root (to /elsewhere/api/x)"
func (p *Project) outside(rel string) string {
	if p.real == "" {
		return ""
	}
	loc, err := realLocation(filepath.Join(p.Root, filepath.FromSlash(rel)))
	if err != nil {
		return fmt.Sprintf("%s cannot be resolved: %v", rel, err)
	}
	if !within(p.real, loc) {
		return fmt.Sprintf("%s resolves outside the project root (to %s)", rel, loc)
	}
	return ""
}

// notARoute says why discovery left out rel, a file named on the command
// line.
func (p *Project) notARoute(rel string) string {
	if reason, ok := p.skips[rel]; ok {
		return reason
	}
	if reason := p.outside(rel); reason != "" {
		return reason + ": left as it is"
	}
	for _, l := range p.linked {
		if strings.HasPrefix(rel, l+"/") {
			return fmt.Sprintf("reached through %s, %s", l, p.skips[l])
		}
	}
	if fi, err := os.Lstat(filepath.Join(p.Root, filepath.FromSlash(rel))); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return linkReason
	}
	for _, part := range strings.Split(rel, "/") {
		if skipDirs[part] {
			return fmt.Sprintf("in %s, which is not part of the project's routes", part)
		}
	}
	if _, ok := RouteExt(rel, p.exts); !ok {
		return fmt.Sprintf("not a route: its extension is not one of the pageExtensions (%s)", strings.Join(p.exts, ", "))
	}
	if !slices.Contains(p.routes, rel) {
		return "not a route file of the project"
	}
	return ""
}
