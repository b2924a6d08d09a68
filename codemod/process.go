package codemod

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
)

// process runs the pipeline on one route file: read, gate input, parse,
// migrate, apply edits, gate output. It never writes.
func process(p *Parser, m Migrator, proj *Project, rel string, nextMajor int) (res *Result) {
	res = &Result{Path: rel, NewPath: proj.Moves[rel]}
	abs := filepath.Join(proj.Root, filepath.FromSlash(rel))
	src, err := os.ReadFile(abs)
	if err != nil {
		return fail(res, 0, 0, "read: %v", err)
	}
	return migrateSource(p, m, proj, rel, src, nextMajor, res)
}

// MigrateSource runs the pipeline on src as if it were the route file rel
// of proj (nil: a project holding only that file). It never touches disk;
// Result.Output holds the migrated text.
func MigrateSource(p *Parser, m Migrator, proj *Project, rel string, src []byte, nextMajor int) *Result {
	if proj == nil {
		proj = &Project{Moves: map[string]string{}}
		if t, err := PlanTarget(rel); err == nil {
			proj.Moves[rel] = t
		}
	}
	return migrateSource(p, m, proj, rel, src, nextMajor, &Result{Path: rel, NewPath: proj.Moves[rel]})
}

func migrateSource(p *Parser, m Migrator, proj *Project, rel string, src []byte, nextMajor int, res *Result) (final *Result) {
	res.orig = src
	if se := Gate(src, rel); se != nil {
		return fail(res, se.Line, se.Column, "input does not parse: %s", se.Message)
	}
	root, err := p.Parse(src, path.Ext(rel) != ".ts")
	if err != nil {
		if se, ok := err.(*SyntaxError); ok {
			return fail(res, se.Line, se.Column, "input does not parse: %s", se.Message)
		}
		return fail(res, 0, 0, "parse: %v", err)
	}
	ext := path.Ext(rel)
	f := &File{
		Path:       rel,
		NewPath:    res.NewPath,
		Src:        src,
		Root:       root,
		TypeScript: ext == ".ts" || ext == ".tsx",
		Style:      DetectStyle(src),
		Segments:   RouteSegments(rel),
		NextMajor:  nextMajor,
		Project:    proj,
	}
	final = res
	defer func() {
		if r := recover(); r != nil {
			if os.Getenv("ROUTEMOD_DEBUG") != "" {
				os.Stderr.Write(debug.Stack())
			}
			final = fail(res, 0, 0, "internal error in transform %s: %v (please report it; set ROUTEMOD_DEBUG=1 for a stack trace); nothing written", f.current, r)
		}
	}()
	m.Migrate(f)
	res.Notes = f.Notes()
	if reason := f.Skipped(); reason != "" {
		res.Status, res.Reasons, res.NewPath = StatusSkipped, []string{reason}, ""
		return res
	}
	edits := f.Edits()
	if len(edits) == 0 && res.NewPath == "" {
		res.Status = StatusUnchanged
		return res
	}
	sorted, err := SortEdits(edits)
	if err != nil {
		return fail(res, 0, 0, "internal error: %v", err)
	}
	out, err := ApplyEdits(src, sorted)
	if err != nil {
		return fail(res, 0, 0, "internal error: %v", err)
	}
	name := rel
	if res.NewPath != "" {
		name = res.NewPath
	}
	if se := Gate(out, name); se != nil {
		off := offsetOf(out, se.Line, se.Column)
		fail(res, se.Line, se.Column, "output of transform %s does not parse: %s; nothing written", transformsAt(sorted, off), se.Message)
		res.NewPath = proj.Moves[rel]
		return res
	}
	res.out = out
	res.Transforms = transformNames(sorted)
	res.TODOs = FindTODOs(out)
	res.Status = StatusMigrated
	if len(res.TODOs) > 0 {
		res.Status = StatusNeedsReview
	}
	return res
}

func fail(res *Result, line, col int, format string, args ...any) *Result {
	res.Status = StatusError
	res.Line, res.Column = line, col
	msg := fmt.Sprintf(format, args...)
	if line > 0 {
		msg = fmt.Sprintf("%s:%d:%d: %s", res.Path, line, col, msg)
	}
	res.Reasons = []string{msg}
	res.out = nil
	return res
}

func offsetOf(src []byte, line, col int) int {
	off := 0
	for l := 1; l < line && off < len(src); l++ {
		i := strings.IndexByte(string(src[off:]), '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	off += col - 1
	if off > len(src) {
		off = len(src)
	}
	return off
}

func transformNames(edits []Edit) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range edits {
		for _, n := range strings.Split(e.By, "+") {
			if n != "" && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}
