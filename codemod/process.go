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

// work is one route file on its way through the pipeline.
type work struct {
	res    *Result
	src    []byte
	out    []byte // migrated text awaiting the output gate
	sorted []Edit
	// checked is set when the last check (File.Check) marked the output.
	checked bool
	modules []*Result // the modules the migration creates, gated
	needs   []string
}

// source is one route file as read from disk, or the error reading it.
type source struct {
	rel  string
	src  []byte
	err  error
	size int64 // set, and src nil, when the file is above MaxRouteSize
}

// readSources reads the route files rels of the project at root.
func readSources(root string, rels []string) []source {
	out := make([]source, len(rels))
	for i, rel := range rels {
		name := filepath.Join(root, filepath.FromSlash(rel))
		if st, err := os.Stat(name); err == nil && st.Size() > MaxRouteSize {
			out[i] = source{rel: rel, size: st.Size()}
			continue
		}
		src, err := os.ReadFile(name)
		out[i] = source{rel: rel, src: src, err: err}
	}
	return out
}

// MaxRouteSize is the size above which a route file is skipped unread: no
// route handler reaches it, and it would take the run seconds and hundreds
// of megabytes.
const MaxRouteSize = 10 << 20

// processBatch runs the pipeline on a batch of route files read by
// readSources: gate every input (one esbuild call), parse, migrate, apply
// edits, gate every output (one esbuild call). It never writes.
func processBatch(p *Parser, m Migrator, proj *Project, srcs []source, nextMajor int) []*Result {
	ws := make([]*work, len(srcs))
	for i, s := range srcs {
		w := &work{res: &Result{Path: s.rel, NewPath: proj.Moves[s.rel], Kind: KindRoute}}
		ws[i] = w
		if s.size > 0 {
			w.res.Status, w.res.NewPath = StatusSkipped, ""
			w.res.Reasons = []string{fmt.Sprintf("%.1f MB, larger than a route file should be (%d MB): left as it is", float64(s.size)/(1<<20), MaxRouteSize>>20)}
			continue
		}
		if s.err != nil {
			fail(w.res, 0, 0, "read: %v", s.err)
			continue
		}
		w.src, w.res.orig = s.src, s.src
	}
	gateAll(ws, func(w *work) ([]byte, string) { return w.src, w.res.Path }, func(w *work, se *SyntaxError) {
		fail(w.res, se.Line, se.Column, "input does not parse: %s", se.Message)
	})
	for _, w := range ws {
		if w.src != nil && w.res.Status == "" {
			migrate(p, m, proj, nextMajor, w)
		}
	}
	gateAll(ws, func(w *work) ([]byte, string) { return w.out, outName(w.res) }, func(w *work, se *SyntaxError) {
		off := offsetOf(w.out, se.Line, se.Column)
		fail(w.res, se.Line, se.Column, "output of transform %s does not parse: %s; nothing written", transformsAt(w.sorted, off), se.Message)
		w.out = nil
	})
	out := make([]*Result, len(ws))
	for i, w := range ws {
		finish(w)
		out[i] = w.res
	}
	return out
}

// gateAll runs the esbuild gate over the texts text picks (nil: none) and
// reports each failure to bad.
func gateAll(ws []*work, text func(*work) ([]byte, string), bad func(*work, *SyntaxError)) {
	var in []GateInput
	var who []*work
	for _, w := range ws {
		if src, name := text(w); src != nil && w.res.Status == "" {
			in = append(in, GateInput{Src: src, Name: name})
			who = append(who, w)
		}
	}
	for i, se := range GateBatch(in) {
		if se != nil {
			bad(who[i], se)
		}
	}
}

func outName(r *Result) string {
	if r.NewPath != "" {
		return r.NewPath
	}
	return r.Path
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
	w := &work{res: &Result{Path: rel, NewPath: proj.Moves[rel], Kind: KindRoute, orig: src}, src: src}
	if se := Gate(src, rel); se != nil {
		return fail(w.res, se.Line, se.Column, "input does not parse: %s", se.Message)
	}
	migrate(p, m, proj, nextMajor, w)
	if w.out != nil && w.res.Status == "" {
		if se := Gate(w.out, outName(w.res)); se != nil {
			off := offsetOf(w.out, se.Line, se.Column)
			fail(w.res, se.Line, se.Column, "output of transform %s does not parse: %s; nothing written", transformsAt(w.sorted, off), se.Message)
			w.out = nil
		}
	}
	finish(w)
	return w.res
}

// migrate parses w's source, runs the transforms and applies their edits,
// leaving the result in w.out (or a final status in w.res).
func migrate(p *Parser, m Migrator, proj *Project, nextMajor int, w *work) {
	res, src, rel := w.res, w.src, w.res.Path
	root, err := p.ParseShared(src, path.Ext(rel) != ".ts") // the tree dies with f, before the next file
	defer p.Release()                                       // the C tree kept for the last check's parse
	if err != nil {
		if se, ok := err.(*SyntaxError); ok {
			fail(res, se.Line, se.Column, "input does not parse: %s", se.Message)
			return
		}
		fail(res, 0, 0, "parse: %v", err)
		return
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
	defer func() {
		if r := recover(); r != nil {
			if os.Getenv("ROUTEMOD_DEBUG") != "" {
				os.Stderr.Write(debug.Stack())
			}
			w.out = nil
			fail(res, 0, 0, "internal error in transform %s: %v (please report it; set ROUTEMOD_DEBUG=1 for a stack trace); nothing written", f.current, r)
		}
	}()
	m.Migrate(f)
	res.Notes = f.Notes()
	res.settles = f.settles
	if reason := f.Skipped(); reason != "" {
		res.Status, res.Reasons, res.NewPath = StatusSkipped, []string{reason}, ""
		return
	}
	edits := f.Edits()
	if len(edits) == 0 && res.NewPath == "" {
		res.Status = StatusUnchanged
		return
	}
	sorted, err := SortEdits(edits)
	if err != nil {
		fail(res, 0, 0, "internal error: %v", err)
		return
	}
	out, err := ApplyEdits(src, sorted)
	if err != nil {
		fail(res, 0, 0, "internal error: %v", err)
		return
	}
	out, w.checked, err = lastCheck(p, f, path.Ext(rel) != ".ts", sorted, out)
	if err != nil {
		fail(res, 0, 0, "internal error in the last check: %v", err)
		return
	}
	if w.modules, err = moduleResults(f, res); err != nil {
		fail(res, 0, 0, "%v", err)
		return
	}
	w.out, w.sorted, w.needs = out, sorted, f.needs
}

// finish sets the final status of a file whose output passed the gate.
func finish(w *work) {
	res := w.res
	if res.Status != "" || w.out == nil {
		return
	}
	res.out = w.out
	res.modules, res.needs = w.modules, w.needs
	res.Transforms = transformNames(w.sorted)
	if w.checked {
		res.Transforms = append(res.Transforms, "check")
		sort.Strings(res.Transforms)
	}
	res.TODOs = FindTODOs(w.out)
	res.Status = StatusMigrated
	if len(res.TODOs) > 0 {
		res.Status = StatusNeedsReview
	}
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
