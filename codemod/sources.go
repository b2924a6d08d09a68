package codemod

import (
	"io/fs"
	"iter"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// Source is one file of a project as read from disk.
type Source struct {
	Path string // slash path relative to the project root
	Src  []byte
}

// sourceExts are the files a project's index reads.
var sourceExts = map[string]bool{".ts": true, ".tsx": true, ".js": true, ".jsx": true, ".mjs": true, ".cjs": true, ".mts": true, ".cts": true}

// Sources yields every source file of the project (never node_modules,
// build output or hidden folders) and its tsconfig*.json and
// jsconfig.json, each read once. A file that cannot be read is left out.
// On the way it notes the temp files an interrupted run left (p.temps).
func (p *Project) Sources() iter.Seq[Source] {
	return func(yield func(Source) bool) {
		if p.Root == "" {
			return
		}
		if es, err := os.ReadDir(p.Root); err == nil {
			for _, e := range es {
				n := e.Name()
				if e.Type().IsRegular() && strings.HasSuffix(n, ".json") && (strings.HasPrefix(n, "tsconfig") || n == "jsconfig.json") {
					if src, err := os.ReadFile(filepath.Join(p.Root, n)); err == nil && !yield(Source{n, src}) {
						return
					}
				}
			}
		}
		stop := false
		p.temps = nil
		filepath.WalkDir(p.Root, func(abs string, d fs.DirEntry, err error) error {
			if err != nil || stop {
				return nil
			}
			if p.ctx != nil && p.ctx.Err() != nil {
				return p.ctx.Err() // interrupted
			}
			if d.IsDir() {
				if abs != p.Root && (skipDirs[d.Name()] || strings.HasPrefix(d.Name(), ".")) {
					return filepath.SkipDir
				}
				return nil
			}
			if tempRE.MatchString(d.Name()) && d.Type().IsRegular() {
				if rel, err := filepath.Rel(p.Root, abs); err == nil {
					p.temps = append(p.temps, filepath.ToSlash(rel))
				}
				return nil
			}
			if !sourceExts[path.Ext(d.Name())] || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
				return nil
			}
			src, err := os.ReadFile(abs)
			if err != nil {
				return nil
			}
			rel, err := filepath.Rel(p.Root, abs)
			if err != nil {
				return nil
			}
			if !yield(Source{filepath.ToSlash(rel), src}) {
				stop = true
				return filepath.SkipAll
			}
			return nil
		})
	}
}

// tempRE matches the names of routemod's temp files (see writeTemp).
var tempRE = regexp.MustCompile(`^\.routemod-[0-9]+$`)
