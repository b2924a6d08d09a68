package codemod

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// specRE finds relative module specifiers: from "./x", import("./x"),
// require("./x"), jest.mock("./x"), import "./x".
var specRE = regexp.MustCompile(`(from\s*|import\s*\(\s*|require\s*\(\s*|(?:jest|vi)\.mock\s*\(\s*|import\s+)(['"])(\.{1,2}/[^'"\n]*)(['"])`)

// defaultImportRE matches an import that takes a module's default export.
var defaultImportRE = regexp.MustCompile(`^\s*import\s+(type\s+)?[A-Za-z_$][\w$]*\s*(,|from)`)

// sourceExts are the files scanned for imports of moved routes.
var sourceExts = map[string]bool{".ts": true, ".tsx": true, ".js": true, ".jsx": true, ".mjs": true, ".cjs": true, ".mts": true, ".cts": true}

// importersOf finds the project files outside pages/api that import a
// route that moved, re-points the specifier to the new file and marks an
// import of the old default-exported handler (tests calling handler(req,
// res)) with a TODO. moved maps slash rel source => target of the routes
// actually migrated.
func importersOf(ctx context.Context, root string, moved map[string]string) []*Result {
	if len(moved) == 0 {
		return nil
	}
	var out []*Result
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != root && (skipDirs[d.Name()] || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !sourceExts[path.Ext(d.Name())] {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if IsRouteFile(rel) {
			return nil // route files are re-pointed by the paths transform
		}
		src, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(src), "pages/api") && !strings.Contains(string(src), "api/") {
			return nil
		}
		r := repointImports(rel, src, moved)
		if r != nil && d.Type()&fs.ModeSymlink != 0 {
			to, _ := filepath.EvalSymlinks(p)
			r = &Result{Path: rel, Kind: KindImporter, Status: StatusSkipped, Notes: r.Notes, Reasons: []string{fmt.Sprintf("a symbolic link (to %s) that imports a moved route: not written through; re-point the import in the file it points to", to)}}
		}
		if r != nil {
			out = append(out, r)
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// repointImports rewrites one importer; nil when it imports no moved route.
func repointImports(rel string, src []byte, moved map[string]string) *Result {
	dir := path.Dir(rel)
	var edits []Edit
	var notes []string
	for _, m := range specRE.FindAllSubmatchIndex(src, -1) {
		spec := string(src[m[6]:m[7]])
		target := path.Join(dir, spec)
		to, ok := ResolveMoved(target, moved)
		if !ok {
			continue
		}
		newSpec := RelSpec(dir, to)
		if path.Ext(spec) == "" {
			newSpec = strings.TrimSuffix(newSpec, path.Ext(newSpec))
		}
		edits = append(edits, Edit{Start: m[6], End: m[7], New: newSpec, By: "importers"})
		line, _ := LineCol(src, m[0])
		ls := LineStart(src, m[0])
		stmt := string(src[ls:LineEnd(src, m[1])])
		if importsHandler(src, m) {
			eol := "\n"
			if strings.HasSuffix(strings.TrimRight(stmt, "\n"), "\r") {
				eol = "\r\n"
			}
			msg := fmt.Sprintf("%s this imported the pages-router handler %s; it moved to %s, which exports one function per method taking a NextRequest: update this code", IndentAt(src, m[0])+"// "+TodoMarker, spec, to)
			if !strings.Contains(string(src[max(0, ls-len(msg)-2):ls]), TodoMarker) {
				edits = append(edits, Edit{Start: ls, End: ls, New: msg + eol, By: "importers"})
			}
		}
		notes = append(notes, fmt.Sprintf("line %d imports %s, which moves to %s: re-pointed", line, spec, to))
	}
	if len(edits) == 0 {
		return nil
	}
	out, err := ApplyEdits(src, edits)
	if err != nil {
		return &Result{Path: rel, Kind: KindImporter, Status: StatusError, Reasons: []string{err.Error()}}
	}
	r := &Result{Path: rel, Kind: KindImporter, Status: StatusMigrated, Notes: notes, orig: src, out: out, Transforms: []string{"importers"}}
	if se := Gate(out, rel); se != nil && Gate(src, rel) == nil {
		return fail(r, se.Line, se.Column, "re-pointing imports breaks the file: %s; nothing written", se.Message)
	}
	if r.TODOs = FindTODOs(out); len(r.TODOs) > 0 {
		r.Status = StatusNeedsReview
	}
	return r
}

// importsHandler reports whether the specifier match m (of specRE) takes
// the module's default export, the pages handler of a route: a default
// import, a require or a dynamic import.
func importsHandler(src []byte, m []int) bool {
	stmt := string(src[LineStart(src, m[0]):LineEnd(src, m[1])])
	return defaultImportRE.MatchString(stmt) || strings.Contains(string(src[m[0]:m[1]]), "require") || strings.Contains(stmt, "import(")
}

// ResolveMoved maps a module path (maybe without extension, maybe a
// folder with index) to the new file of a moved route.
func ResolveMoved(target string, moved map[string]string) (string, bool) {
	if from, ok := moduleFile(target, moved); ok {
		return moved[from], true
	}
	return "", false
}

// moduleFile returns the key of files a module path names: the path
// itself, with an extension, or a folder's index file.
func moduleFile(target string, files map[string]string) (string, bool) {
	if _, ok := files[target]; ok {
		return target, true
	}
	for _, e := range []string{".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"} {
		if _, ok := files[target+e]; ok {
			return target + e, true
		}
		if _, ok := files[target+"/index"+e]; ok {
			return target + "/index" + e, true
		}
	}
	return "", false
}

// RelSpec is a ./ or ../ specifier from dir to target (slash paths).
func RelSpec(dir, target string) string {
	r, err := filepath.Rel(filepath.FromSlash(dir), filepath.FromSlash(target))
	if err != nil {
		return target
	}
	r = filepath.ToSlash(r)
	if !strings.HasPrefix(r, "../") {
		r = "./" + r
	}
	return r
}
