package codemod

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
)

// ProjectChange is a change the Migrator plans to a project file that is
// not a route: a module in lib/ whose helpers the routes of the run call
// with req and res (transforms/helperplan.go), or whose wrappers they are
// wrapped in. The Migrator plans it in Prepare, from one parse of the file,
// and hands it over in Settle, once the fate of every route of the run is
// known. The driver then reads the file again, refuses it when it no
// longer holds Src, parses it, lets Edit add the edits (byte ranges on the
// file, as a route's transforms do), applies them, runs the last check
// (f.Check, when Edit sets it), gates the output with esbuild and reports,
// diffs and writes the file like a route, in place (never moved, never a
// file in node_modules: the index reads none).
//
// When the change fails (an error, or markers from the last check without
// IncludeTODO), it is not written and every route of Routes that was to
// move stays in pages/api, with the reason: they call what it changes.
type ProjectChange struct {
	Path string // slash path relative to the project root
	Kind Kind   // KindHelper or KindWrapper
	Src  []byte // the text the plan was made from
	// Names are the functions changed or added, each with the routes that
	// use it: the report's notes.
	Names []ChangedName
	// Routes are the routes of the run whose migrations call what this
	// change writes.
	Routes []string
	// Edit adds the edits to f (f.Root is the file's tree).
	Edit func(f *File)
}

// ChangedName is one function a ProjectChange rewrites or adds.
type ChangedName struct {
	Name string // the function as the routes now call it
	// Beside is the pages-router function it was added beside ("" when
	// Name was rewritten in place): files that stay still call that one.
	Beside string
	// What says what it became: "returns a Response".
	What   string
	Routes []string // the routes of the run that use it
}

// note is the report note of one changed name:
//
//	sendError: returns a Response, for pages/api/a.ts, pages/api/b.ts
//	okResponse (added beside ok, which files that stay still call): returns a Response, for pages/api/a.ts
func (c ChangedName) note() string {
	s := c.Name
	if c.Beside != "" {
		s += " (added beside " + c.Beside + ", which files that stay still call)"
	}
	if c.What != "" {
		s += ": " + c.What
	}
	if len(c.Routes) > 0 {
		s += ", for " + strings.Join(c.Routes, ", ")
	}
	return s
}

// DependOnSettle marks the route f as one whose migration depends on what
// the Migrator decides in Settle (the name of a project helper it calls):
// the driver settles it only after Settle, and migrates it again when
// Settle names it.
func (f *File) DependOnSettle() { f.settles = true }

// projectChange reads, edits, checks and gates one planned change of a
// project file; the result is reported and written like a route's.
func projectChange(p *Parser, proj *Project, c *ProjectChange, includeTODO bool) *Result {
	r := &Result{Path: c.Path, Kind: c.Kind}
	abs := filepath.Join(proj.Root, filepath.FromSlash(c.Path))
	if st, err := os.Lstat(abs); err == nil && st.Mode()&os.ModeSymlink != 0 {
		r.Status = StatusSkipped
		r.Reasons = []string{"a symbolic link: not written through"}
		return r
	}
	if reason := proj.outside(c.Path); reason != "" {
		r.Status = StatusSkipped
		r.Reasons = []string{reason + "; nothing written"}
		return r
	}
	src, err := os.ReadFile(abs)
	if err != nil {
		return fail(r, 0, 0, "read: %v", err)
	}
	if !bytes.Equal(src, c.Src) {
		return fail(r, 0, 0, "changed since routemod read it; nothing written")
	}
	r.orig = src
	if se := Gate(src, c.Path); se != nil {
		return fail(r, se.Line, se.Column, "input does not parse: %s", se.Message)
	}
	ext := path.Ext(c.Path)
	ts := ext == ".ts" || ext == ".mts" || ext == ".cts"
	root, err := p.ParseShared(src, !ts)
	if err != nil {
		return fail(r, 0, 0, "parse: %v", err)
	}
	f := &File{Path: c.Path, Src: src, Root: root, TypeScript: ts || ext == ".tsx", Style: DetectStyle(src), Project: proj, NextMajor: 16}
	f.SetTransform(string(c.Kind))
	if !func() (ok bool) {
		defer func() {
			if v := recover(); v != nil {
				if os.Getenv("ROUTEMOD_DEBUG") != "" {
					os.Stderr.Write(debug.Stack())
				}
				fail(r, 0, 0, "internal error in the %s change: %v (please report it; set ROUTEMOD_DEBUG=1 for a stack trace); nothing written", c.Kind, v)
			}
		}()
		c.Edit(f)
		return true
	}() {
		return r
	}
	sorted, err := SortEdits(f.Edits())
	if err != nil {
		return fail(r, 0, 0, "internal error: %v", err)
	}
	out, err := ApplyEdits(src, sorted)
	if err != nil {
		return fail(r, 0, 0, "internal error: %v", err)
	}
	out, checked, err := lastCheck(p, f, !ts, sorted, out)
	if err != nil {
		return fail(r, 0, 0, "internal error in the last check: %v", err)
	}
	if se := Gate(out, c.Path); se != nil {
		off := offsetOf(out, se.Line, se.Column)
		return fail(r, se.Line, se.Column, "output of transform %s does not parse: %s; nothing written", transformsAt(sorted, off), se.Message)
	}
	for _, n := range c.Names {
		r.Notes = append(r.Notes, n.note())
	}
	r.Notes = append(r.Notes, f.Notes()...)
	r.out = out
	r.Transforms = transformNames(sorted)
	if checked {
		r.Transforms = append(r.Transforms, "check")
	}
	r.TODOs = FindTODOs(out)
	r.Status = StatusMigrated
	if len(r.TODOs) > 0 {
		r.Status = StatusNeedsReview
		if !includeTODO {
			r.Kept = true
			r.Reasons = append(r.Reasons, "stays as it is: routemod's last check marked what it wrote, so the routes that call it stay in pages/api too; --include-todo writes it with its TODOs")
		}
	}
	return r
}

// settleProject runs the Migrator's Settle for one project once every
// route's fate is known: it migrates again the routes Settle names (among
// the deferred ones, by job index), then reads and edits the project files
// Settle plans to change. A change that fails holds back the deferred
// routes it names; as that changes their fates, Settle is asked again. It
// returns the results of the changes, in plan order.
func settleProject(p *Parser, opts Options, proj *Project, h *holds, jobs []*job, results []*Result, deferred []int) []*Result {
	moves := func(rel string) bool { m, _ := h.fate(proj, rel); return m }
	at := map[string]int{}
	for _, i := range deferred {
		if jobs[i].proj == proj {
			at[jobs[i].rel] = i
		}
	}
	var failed []*Result // changes that held routes back: reported even when a later round drops them
	for {
		redo, changes := opts.Migrator.Settle(proj, moves)
		for _, rel := range redo {
			i, ok := at[rel]
			if !ok || !results[i].Writes() || results[i].orig == nil {
				continue
			}
			j, r := jobs[i], results[i]
			n := processBatch(p, opts.Migrator, proj, []source{{rel: j.rel, src: r.orig}}, j.nextMajor)[0]
			keep(n, opts.IncludeTODO)
			n.NewPath, n.Root = r.NewPath, r.Root
			if n.Changed() && showDiff(opts) {
				n.diff = UnifiedDiff(n.Path, outName(n), n.orig, n.out)
			}
			if !n.Writes() {
				// its fate was part of what Settle decided on: it cannot change now
				fail(n, 0, 0, "internal error: migrating it again for the helpers it calls changed its status to %s; nothing written", n.Status)
			}
			results[i] = n
		}
		// a deferred route that cannot be written (its target exists with
		// something else, ...) stays: Settle is asked again before any
		// helper is changed for it
		stays := false
		for _, i := range at {
			r := results[i]
			if r.prechecked {
				continue
			}
			w := r.Writes()
			precheck(proj, r)
			if w && !r.Writes() {
				h.stay(jobs[i])
				stays = true
			}
		}
		if stays {
			continue
		}
		var out []*Result
		held := false
		for _, c := range changes {
			r := projectChange(p, proj, c, opts.IncludeTODO)
			if !r.Writes() {
				for _, rel := range c.Routes {
					if i, ok := at[rel]; ok && results[i].Writes() {
						h.hold(jobs[i], results[i], "stays in pages/api: it calls what routemod changes in %s, and that change is not written (%s)", c.Path, r.Status)
						held = true
					}
				}
			}
			out = append(out, r)
		}
		// every round holds back at least one more route, so this ends
		if !held {
			for _, f := range failed {
				if !slices.ContainsFunc(out, func(r *Result) bool { return r.Path == f.Path }) {
					out = append(out, f)
				}
			}
			return out
		}
		for _, r := range out {
			if !r.Writes() {
				failed = append(failed, r)
			}
		}
	}
}

// precheck decides what is in the way of route r before its fate is
// relied on: a target that exists (this file's migration, left by an
// interrupted run, or an error) and modules it creates that exist.
func precheck(p *Project, r *Result) {
	if t, ok := p.existing[r.Path]; ok {
		existingTarget(p, r, t)
	}
	if r.Kind == KindRoute && len(r.modules) > 0 && r.Changed() {
		modulesInWay(p, r)
	}
	for _, m := range r.modules {
		if reason := p.outside(m.Path); reason != "" && r.Writes() {
			r.Status = StatusSkipped
			r.Reasons = append(r.Reasons, reason+"; nothing written")
		}
	}
	r.prechecked = true
}

// helperLabel is what --write prints for a changed project file:
//
//	lib/http.ts (helper migrated: sendError: returns a Response, for pages/api/a.ts)
func (r *Result) helperLabel() string {
	l := string(r.Kind) + " " + string(r.Status)
	if len(r.Notes) > 0 {
		l += ": " + strings.Join(r.Notes, "; ")
	}
	return l
}
