package codemod

import (
	"io/fs"
	"path/filepath"
	"strings"
)

// AppPages lists the URL patterns of the app-router pages of the project
// at root ("/", "/blog/[slug]", ...), route groups and slots removed.
func AppPages(root string) []string {
	var out []string
	for _, base := range []string{"app", "src/app"} {
		dir := filepath.Join(root, filepath.FromSlash(base))
		walkFilesNamed(dir, "page.", func(p string) {
			rel, _ := filepath.Rel(dir, filepath.Dir(p))
			var segs []string
			for _, s := range strings.Split(filepath.ToSlash(rel), "/") {
				if s == "." || s == "" || strings.HasPrefix(s, "(") || strings.HasPrefix(s, "@") {
					continue
				}
				segs = append(segs, s)
			}
			out = append(out, "/"+strings.Join(segs, "/"))
		})
	}
	return out
}

// walkFilesNamed calls fn with the path of every file under dir whose name
// starts with prefix (page., route.), skipping the folders discovery skips.
// A dir that does not exist has no such files.
func walkFilesNamed(dir, prefix string, fn func(path string)) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), prefix) {
			fn(p)
		}
		return nil
	})
}

// MatchesPage reports whether a URL path is served by the page pattern.
//
//	"/blog/hello" matches "/blog/[slug]"; "/docs" matches "/docs/[[...rest]]"
func MatchesPage(pattern, urlPath string) bool {
	ps := strings.Split(strings.Trim(pattern, "/"), "/")
	us := strings.Split(strings.Trim(urlPath, "/"), "/")
	if pattern == "/" {
		ps = nil
	}
	if strings.Trim(urlPath, "/") == "" {
		us = nil
	}
	for i, p := range ps {
		switch {
		case strings.HasPrefix(p, "[[..."):
			return true
		case strings.HasPrefix(p, "[..."):
			return len(us) > i
		case i >= len(us):
			return false
		case strings.HasPrefix(p, "["):
		case p != us[i]:
			return false
		}
	}
	return len(us) == len(ps)
}
