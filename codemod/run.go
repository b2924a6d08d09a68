package codemod

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configure one run, as gofmt's flags do.
type Options struct {
	Paths []string // project roots or route files; default "."
	Write bool     // apply the changes
	List  bool     // list files that would change
	JSON  bool     // one JSON report on stdout
	Check bool     // exit 1 when anything would change; write nothing
	Force bool     // allow Write in a dirty git tree
	// IncludeTODO also writes needs-review routes, with their TODO markers.
	// Without it they stay in pages/api as they are (Result.Kept), so a
	// project that built before --write builds after it.
	IncludeTODO bool
	NextMajor   int      // target Next.js major; 0 reads package.json
	Jobs        int      // parallel workers; 0 means one per CPU
	Color       bool     // colour the diff
	Progress    bool     // show a progress line on Stderr
	Migrator    Migrator // the transforms to run
	Stdout      io.Writer
	Stderr      io.Writer
	// Context is cancelled on an interrupt (nil: never): no further file
	// is then read or written, and the run ends with one summary line.
	Context context.Context
}

// Exit codes.
const (
	ExitOK      = 0 // nothing failed
	ExitPending = 1 // --check found changes
	ExitError   = 2 // at least one error
)

// job is one route file of one project.
type job struct {
	proj      *Project
	rel       string
	arg       string // root as given
	nextMajor int
	pre       *Result // decided before processing (collision, existing target)
}

// Run migrates every project named in opts and returns the exit code.
func Run(opts Options) int {
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if len(opts.Paths) == 0 {
		opts.Paths = []string{"."}
	}
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	jobs, projs, err := plan(opts)
	if err != nil {
		if opts.Context.Err() != nil {
			fmt.Fprintln(opts.Stderr, interruptedLine(NewSummary(), 0, opts.Write))
			return ExitError
		}
		fmt.Fprintf(opts.Stderr, "routemod: %v\n", err)
		return ExitError
	}
	return execute(opts, jobs, projs)
}

// pathArg is one path of the command line, resolved to its project.
type pathArg struct {
	arg, root, shown string
	dir              bool
	files            []string // the route file named, when not dir
}

// resolve resolves the paths of the command line to their projects.
func resolve(paths []string) ([]pathArg, error) {
	var out []pathArg
	for _, arg := range paths {
		abs, err := filepath.Abs(arg)
		if err != nil {
			return nil, err
		}
		st, err := os.Stat(abs)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", arg, err)
		}
		a := pathArg{arg: arg, root: abs, shown: arg, dir: st.IsDir()}
		if !a.dir {
			r, rel, ok := projectOf(abs)
			if !ok {
				return nil, fmt.Errorf("%s: not a pages/api route file", arg)
			}
			a.root, a.files, a.shown = r, []string{rel}, rootAsGiven(arg, rel)
		}
		out = append(out, a)
	}
	return out, nil
}

// beforeWriting refuses --write in a project whose git work tree has
// uncommitted changes (unless Force), then finishes the group of writes an
// interrupted run left in a project (see JournalName), or, when the run
// does not write, refuses to go on while one is left.
func beforeWriting(opts Options, args []pathArg) error {
	seen := map[string]bool{}
	var roots []pathArg
	for _, a := range args {
		if !seen[a.root] {
			seen[a.root] = true
			roots = append(roots, a)
		}
	}
	write := opts.Write && !opts.Check
	for _, a := range roots {
		if !write || opts.Force {
			break
		}
		dirty, err := GitDirty(a.root)
		if err != nil {
			return fmt.Errorf("%s: checking git status: %v", a.shown, err)
		}
		if dirty {
			hint := ""
			if _, err := os.Lstat(filepath.Join(a.root, JournalName)); err == nil {
				hint = fmt.Sprintf(" (among them what an interrupted run of routemod --write left half done, with its %s: --write --force finishes it)", JournalName)
			}
			return fmt.Errorf("refusing to write: %s is in a git work tree with uncommitted changes%s; commit or stash them first, or pass --force", a.shown, hint)
		}
	}
	for _, a := range roots {
		j, err := readJournal(a.root)
		if err != nil {
			return fmt.Errorf("%s: %v", a.shown, err)
		}
		if j == nil {
			continue
		}
		if !write {
			return fmt.Errorf("%s: an interrupted run of routemod --write left a group of writes half done (%s: %s): the project may not build until it is finished; run routemod --write to finish it", a.shown, JournalName, journalFiles(j))
		}
		real, err := filepath.EvalSymlinks(a.root)
		if err != nil {
			return fmt.Errorf("%s: %v", a.shown, err)
		}
		written, removed, err := finishJournal(&Project{Root: a.root, real: real}, j)
		if err != nil {
			return fmt.Errorf("%s: %v", a.shown, err)
		}
		done := "every file was written already"
		if len(written)+len(removed) > 0 {
			var parts []string
			if len(written) > 0 {
				parts = append(parts, "wrote "+strings.Join(written, ", "))
			}
			if len(removed) > 0 {
				parts = append(parts, "removed "+strings.Join(removed, ", "))
			}
			done = strings.Join(parts, "; ")
		}
		fmt.Fprintf(opts.Stderr, "routemod: %s: finished the group of writes an interrupted run left half done (%s): %s\n", a.shown, JournalName, done)
	}
	return nil
}

// journalFiles names the files of a journal, for a message.
func journalFiles(j *journal) string {
	var names []string
	for _, e := range j.Files {
		names = append(names, e.Path)
	}
	return strings.Join(names, ", ")
}

// plan resolves the paths to projects, discovers route files and plans
// every move, marking collisions and existing targets before anything runs.
// A file named on the command line goes through the same rules as a
// discovered one.
func plan(opts Options) (jobs, projs []*job, err error) {
	args, err := resolve(opts.Paths)
	if err != nil {
		return nil, nil, err
	}
	if err := beforeWriting(opts, args); err != nil {
		return nil, nil, err
	}
	projects := map[string]*Project{}
	for _, a := range args {
		arg, root, files, shown := a.arg, a.root, a.files, a.shown
		proj := projects[root]
		if proj == nil {
			exts, warning := ReadPageExtensions(root)
			if warning != "" {
				fmt.Fprintf(opts.Stderr, "routemod: warning: %s\n", warning)
			}
			all, linked, err := Discover(opts.Context, root, exts)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %v", arg, err)
			}
			real, err := filepath.EvalSymlinks(root)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %v", arg, err)
			}
			proj = &Project{Root: root, Moves: map[string]string{}, AppPages: AppPages(root), real: real, exts: exts, existing: map[string]string{}, ctx: opts.Context}
			proj.Earlier = movedEarlier(proj)
			for _, rel := range all {
				ext, _ := RouteExt(rel, exts)
				if t, err := PlanTargetExt(rel, ext); err == nil {
					proj.Moves[rel] = t
				}
			}
			for rel, reason := range linked {
				proj.skipReason(rel, reason)
			}
			proj.routes = all
			proj.linked = slices.Sorted(maps.Keys(linked))
			projects[root] = proj
			projs = append(projs, &job{proj: proj, arg: shown})
		}
		if a.dir {
			files = slices.Concat(proj.routes, proj.linked)
			slices.Sort(files)
		} else if _, found := slices.BinarySearch(proj.routes, files[0]); !found {
			proj.skipReason(files[0], proj.notARoute(files[0]))
		}
		major := opts.NextMajor
		if major == 0 {
			major = DetectNextMajor(root)
		}
		for _, rel := range files {
			jobs = append(jobs, &job{proj: proj, rel: rel, arg: shown, nextMajor: major})
		}
	}
	// Collisions and existing targets, per project.
	for _, proj := range projects {
		bySource := map[string][]string{}
		for src, t := range proj.Moves {
			bySource[t] = append(bySource[t], src)
		}
		for t, srcs := range bySource {
			if len(srcs) > 1 {
				sort.Strings(srcs)
				for _, s := range srcs {
					proj.skipReason(s, fmt.Sprintf("%s and %s both move to %s", srcs[0], srcs[1], t))
				}
			}
			switch there := segmentFiles(proj.Root, t); {
			case len(srcs) == 1 && len(there) == 1 && there[0] == t:
				// Decided once the source is migrated: this file's own
				// migration, left by an interrupted run, or an error.
				proj.existing[srcs[0]] = t
			case len(there) > 0:
				for _, s := range srcs {
					proj.block(s, fmt.Sprintf("%s already in the target folder of %s (Next.js takes one route or page file per folder); nothing changed for this file", strings.Join(there, " and "), t))
				}
			}
			if reason := proj.outside(t); reason != "" {
				for _, s := range srcs {
					proj.skipReason(s, reason+"; nothing written")
				}
			}
		}
	}
	for _, j := range jobs {
		if reason, ok := j.proj.blocked[j.rel]; ok {
			j.pre = &Result{Path: j.rel, NewPath: j.proj.Moves[j.rel], Kind: KindRoute, Status: StatusError, Reasons: []string{reason}}
		} else if reason, ok := j.proj.skips[j.rel]; ok {
			j.pre = &Result{Path: j.rel, Kind: KindRoute, Status: StatusSkipped, Reasons: []string{reason}}
		}
	}
	return jobs, projs, nil
}

// segmentFiles lists the route and page files (route.*, page.*) in the
// folder of target, a slash path relative to root.
func segmentFiles(root, target string) []string {
	dir := path.Dir(target)
	ents, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(dir)))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if n := e.Name(); !e.IsDir() && (strings.HasPrefix(n, "route.") || strings.HasPrefix(n, "page.")) {
			out = append(out, dir+"/"+n)
		}
	}
	return out
}

// block records that rel cannot move: an error, not a skip.
func (p *Project) block(rel, reason string) {
	if p.blocked == nil {
		p.blocked = map[string]string{}
	}
	p.blocked[rel] = reason
}

// rootAsGiven is the project root of the route file arg (rel from the
// root), spelled as the command line spelled arg.
func rootAsGiven(arg, rel string) string {
	if r, ok := strings.CutSuffix(filepath.ToSlash(filepath.Clean(arg)), rel); ok {
		switch {
		case r == "":
			return "."
		case r == "/":
			return r
		case strings.HasSuffix(r, "/"):
			return filepath.FromSlash(strings.TrimSuffix(r, "/"))
		}
	}
	return arg
}

func (p *Project) skipReason(rel, reason string) {
	if p.skips == nil {
		p.skips = map[string]string{}
	}
	if _, ok := p.skips[rel]; !ok {
		p.skips[rel] = reason
	}
}

// projectOf finds the project root of a route file path.
func projectOf(abs string) (root, rel string, ok bool) {
	s := filepath.ToSlash(abs)
	for _, marker := range []string{"/src/pages/api/", "/pages/api/"} {
		if i := strings.LastIndex(s, marker); i >= 0 {
			root = filepath.FromSlash(s[:i])
			rel = s[i+1:]
			if IsRouteFile(rel) {
				return root, rel, true
			}
		}
	}
	return "", "", false
}

var majorRE = regexp.MustCompile(`\d+`)

// DetectNextMajor reads the next version from root's package.json; 16 (the
// current major) when it is absent or not a plain version range.
func DetectNextMajor(root string) int {
	b, err := os.ReadFile(filepath.Join(root, "package.json"))
	if err != nil {
		return 16
	}
	var pkg struct {
		Dependencies    map[string]string `json:"dependencies"`
		DevDependencies map[string]string `json:"devDependencies"`
	}
	if json.Unmarshal(b, &pkg) != nil {
		return 16
	}
	v := pkg.Dependencies["next"]
	if v == "" {
		v = pkg.DevDependencies["next"]
	}
	if m := majorRE.FindString(v); m != "" {
		if n, err := strconv.Atoi(m); err == nil && n >= 9 {
			return n
		}
	}
	return 16
}

// execute processes jobs on a worker pool and emits results in job order.
// When opts.Context is cancelled, no further file is read, processed or
// written: the file being written finishes, the files being migrated are
// abandoned, and the run ends with one summary line.
func execute(opts Options, jobs, projs []*job) int {
	ctx := opts.Context
	n := opts.Jobs
	if n <= 0 {
		n = runtime.NumCPU()
	}
	results := make([]*Result, len(jobs))
	ready := make([]chan struct{}, len(jobs))
	for i := range ready {
		ready[i] = make(chan struct{})
	}
	for _, j := range projs { // every project: one with no route left may have importers to re-point
		j.proj.migrator = opts.Migrator
		opts.Migrator.Prepare(j.proj, j.proj.Sources())
	}
	batches := makeBatches(jobs, n)
	// One goroutine reads the batches' files ahead of the workers, so that
	// a read that has to wait for the disk stalls it and not a worker.
	type readBatch struct {
		jobs []int
		srcs []source
	}
	next := make(chan readBatch, n)
	go func() {
		defer close(next)
		for _, b := range batches {
			if ctx.Err() != nil {
				return
			}
			var rels []string
			for _, i := range b {
				if jobs[i].pre == nil {
					rels = append(rels, jobs[i].rel)
				}
			}
			select {
			case next <- readBatch{b, readSources(jobs[b[0]].proj.Root, rels)}:
			case <-ctx.Done():
				return
			}
		}
	}()
	// Bound how far workers run ahead of the emitter so memory stays flat:
	// a worker takes a token per batch; the emitter returns it after the
	// batch's last file.
	window := make(chan struct{}, n+1)
	last := map[int]bool{}
	for _, b := range batches {
		last[b[len(b)-1]] = true
	}
	em := newEmitter(opts, len(jobs))
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := NewParser()
			defer p.Close()
			for {
				// The token comes before the batch: batches leave next in
				// the emitter's order, so the one the emitter waits for is
				// always held by a worker with a token (taken after the
				// batch, every token could go to later batches: a deadlock).
				select {
				case window <- struct{}{}:
				case <-ctx.Done():
					return
				}
				rb, ok := <-next
				if !ok {
					<-window
					return
				}
				if ctx.Err() != nil {
					return
				}
				b := rb.jobs
				var done []*Result
				if len(rb.srcs) > 0 {
					j := jobs[b[0]]
					done = processBatch(p, opts.Migrator, j.proj, rb.srcs, j.nextMajor)
				}
				for _, i := range b {
					r := jobs[i].pre
					if r == nil {
						r, done = done[0], done[1:]
						if r.Changed() && showDiff(opts) {
							r.diff = UnifiedDiff(r.Path, outName(r), r.orig, r.out) // in the worker, off the emitter's path
						}
					}
					r.Root = jobs[i].arg
					results[i] = r
					close(ready[i])
				}
			}
		}()
	}
	moved := map[*Project]map[string]string{}
	settle := func(i int) {
		r := results[i]
		em.emit(jobs[i], r)
		if r.Writes() && r.NewPath != "" { // written, or to be written
			if moved[jobs[i].proj] == nil {
				moved[jobs[i].proj] = map[string]string{}
			}
			moved[jobs[i].proj][r.Path] = r.NewPath
		}
		results[i] = nil
	}
	// Only routes whose migration is complete move, and only when no file
	// that stays would break (see holds).
	h := newHolds(jobs, opts.IncludeTODO)
	// deferred are the routes whose text waits for the Migrator's Settle
	// (they call project helpers whose form depends on every route's fate).
	var deferred []int
	decided := func(i int) {
		if results[i].settles {
			deferred = append(deferred, i)
			return
		}
		settle(i)
	}
	for i := range jobs {
		select {
		case <-ready[i]:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		if h.decide(jobs[i], i, results[i]) {
			decided(i)
		}
		if last[i] {
			<-window
		}
	}
	// After an interrupt the workers still inside a file are not waited
	// for: a worker only computes (the files are written here, by emit),
	// and a route of several megabytes would keep the run going for
	// seconds. What they find is dropped; the process exits with them.
	changed := map[*Project][]*Result{}
	if ctx.Err() == nil {
		wg.Wait()
		for _, i := range h.resolve(jobs, results) {
			decided(i)
		}
		slices.Sort(deferred)
		p := NewParser()
		for _, j := range projs {
			changed[j.proj] = settleProject(p, opts, j.proj, h, jobs, results, deferred)
		}
		p.Close()
		if opts.Write && !opts.Check {
			for _, j := range projs {
				var routes []*Result
				for _, i := range deferred {
					if jobs[i].proj == j.proj {
						routes = append(routes, results[i])
					}
				}
				em.writeGroup(j, routes, changed[j.proj])
			}
		}
		for _, i := range deferred {
			settle(i)
		}
	}
	// Then, per project, what the moves of this run and of earlier runs
	// (routes in app/api whose pages/api file is gone) need elsewhere. The
	// project files changed with the routes are reported even after an
	// interrupt: their group was written, or it was not started.
	for _, j := range projs {
		for _, r := range changed[j.proj] {
			r.Root = j.arg
			em.emit(j, r)
		}
		if ctx.Err() != nil {
			continue
		}
		all := maps.Clone(j.proj.Earlier)
		if all == nil {
			all = map[string]string{}
		}
		maps.Copy(all, moved[j.proj])
		for _, r := range importersOf(ctx, opts.Migrator, j.proj, all) {
			r.Root = j.arg
			em.emit(j, r)
		}
		if len(all) > 0 {
			if r := tsconfigResult(j.proj); r != nil {
				r.Root = j.arg
				em.emit(j, r)
			}
		}
		if opts.Write && !opts.Check && ctx.Err() == nil {
			em.removeTemps(j, j.proj.temps)
		}
	}
	return em.finish()
}

// interruptedLine is the one summary line of an interrupted run: what was
// done, and that the rest is untouched.
func interruptedLine(sum *Summary, left int, write bool) string {
	s := sum.String() + fmt.Sprintf("; interrupted: %d files not processed", left)
	if write {
		s += "; every file listed as written is complete, the rest are untouched; run routemod again to finish"
	}
	return s
}

// showDiff reports whether the run prints (or reports) diffs.
func showDiff(o Options) bool { return !o.Write && !o.Check && !o.List }

// maxBatch is the most files one esbuild gate call takes.
const maxBatch = 16

// makeBatches groups consecutive jobs of one project into batches small
// enough that every worker gets several.
func makeBatches(jobs []*job, workers int) [][]int {
	size := len(jobs) / (4 * workers)
	size = max(1, min(size, maxBatch))
	var out [][]int
	var cur []int
	for i, j := range jobs {
		if len(cur) > 0 && (len(cur) == size || jobs[cur[0]].proj != j.proj || jobs[cur[0]].nextMajor != j.nextMajor) {
			out = append(out, cur)
			cur = nil
		}
		cur = append(cur, i)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// emitter prints or writes results one at a time, in order.
type emitter struct {
	opts    Options
	sum     *Summary
	json    *jsonReport
	total   int // routes
	done    int // files reported
	routes  int // routes reported
	start   time.Time
	lastBar time.Time
	pending bool
	// barShown is set while the progress line is on the terminal.
	barShown bool
}

func newEmitter(opts Options, total int) *emitter {
	e := &emitter{opts: opts, sum: NewSummary(), total: total, start: time.Now()}
	if opts.JSON {
		e.json = &jsonReport{w: opts.Stdout}
		e.json.begin()
	}
	return e
}

func (e *emitter) emit(j *job, r *Result) {
	o := e.opts
	if !r.prechecked && j.rel != "" {
		precheck(j.proj, r)
	}
	mods := r.modules
	if r.Changed() {
		e.pending = true
		if o.Write && !o.Check && !r.Kept && r.Kind != KindModule && !r.grouped {
			if created, ok := e.writeModules(j, r); ok {
				e.write(j, r)
				if r.Status == StatusError {
					removeCreated(created)
				}
			}
		}
		if r.Changed() && showDiff(o) { // a failed write is no longer a change
			d := r.diff
			if r.Kind == KindModule {
				d = nil
				if !r.finish {
					d = UnifiedDiff("", r.Path, nil, r.out)
				}
			} else if r.finish {
				d = UnifiedDiff(r.Path, "", r.orig, nil)
			} else if d == nil {
				d = UnifiedDiff(r.Path, outName(r), r.orig, r.out)
			}
			switch {
			case o.JSON:
				r.Diff = string(d)
			case r.Kept:
				// Not part of the patch --write applies: a preview on stderr.
				e.clearBar()
				fmt.Fprintf(o.Stderr, "# %s: needs-review, not in the patch: --write leaves it in pages/api (--include-todo writes it); it would become:\n", r.Path)
				if o.Color {
					d = ColorizeDiff(d)
				}
				o.Stderr.Write(d)
			default:
				if o.Color {
					d = ColorizeDiff(d)
				}
				e.opts.Stdout.Write(d)
			}
		}
	}
	e.sum.add(r)
	if e.json != nil {
		if err := e.json.add(r); err != nil {
			fmt.Fprintf(o.Stderr, "routemod: %v\n", err)
		}
	} else {
		e.clearBar()
		prefix := r.Path
		if len(o.Paths) > 1 || o.Paths[0] != "." {
			prefix = filepath.ToSlash(filepath.Join(r.Root, r.Path))
		}
		switch {
		case r.Status == StatusSkipped || r.Status == StatusError || r.Kept:
			fmt.Fprintf(o.Stderr, "%s: %s: %s\n", prefix, r.Status, strings.Join(r.Reasons, "; "))
		case r.Changed() && (o.List || o.Check):
			fmt.Fprintln(o.Stdout, prefix)
		case r.Changed() && o.Write && r.NewPath != "":
			fmt.Fprintf(o.Stdout, "%s -> %s (%s)\n", prefix, r.NewPath, r.Status)
		case r.Changed() && o.Write:
			fmt.Fprintf(o.Stdout, "%s (%s)\n", prefix, r.label())
		case r.Changed() && (r.Kind == KindHelper || r.Kind == KindWrapper):
			// the dry run: the diff is on stdout, what it is for here
			fmt.Fprintf(o.Stderr, "%s: %s\n", prefix, r.label())
		}
		if r.Status == StatusNeedsReview {
			at := r.NewPath
			if at == "" {
				at = r.Path
			}
			for _, t := range r.TODOs {
				if r.Kept { // the line is in the preview, not on disk
					fmt.Fprintf(o.Stderr, "%s: would get at %s:%d: TODO(routemod): %s\n", r.Path, at, t.Line, t.Text)
					continue
				}
				fmt.Fprintf(o.Stderr, "%s:%d: TODO(routemod): %s\n", at, t.Line, t.Text)
			}
		}
	}
	r.orig, r.out, r.diff = nil, nil, nil
	r.modules = nil
	e.done++
	if r.Kind == KindRoute {
		e.routes++
	}
	e.bar()
	if r.Changed() && !r.Kept {
		for _, m := range mods {
			m.Root = r.Root
			e.emit(j, m)
		}
	}
}

// write applies one result safely; a failure turns it into an error entry.
// After an interrupt no further file is started.
func (e *emitter) write(j *job, r *Result) {
	if e.opts.Context.Err() != nil {
		r.Status = StatusSkipped
		r.Reasons = append(r.Reasons, "interrupted before this file was written; nothing changed for it")
		return
	}
	if reason := j.proj.outside(outName(r)); reason != "" {
		r.Status = StatusSkipped
		r.Reasons = append(r.Reasons, reason+"; nothing written")
		return
	}
	src := filepath.Join(j.proj.Root, filepath.FromSlash(r.Path))
	dst := src
	if r.NewPath != "" {
		dst = filepath.Join(j.proj.Root, filepath.FromSlash(r.NewPath))
	}
	stop := filepath.Join(j.proj.Root, filepath.FromSlash(pagesDirOf(r.Path)))
	write := WriteMove
	if r.finish {
		write = FinishMove
	}
	if err := write(src, dst, r.orig, r.out, stop); err != nil {
		r.Status = StatusError
		r.Reasons = append(r.Reasons, fmt.Sprintf("write %s: %v; nothing changed for this file", outName(r), err))
	}
}

// existingTarget decides the file r whose target t already exists: when t
// holds exactly r's migration, a run was interrupted between writing t and
// removing the source, and only the source removal is left to do; anything
// else in the way is an error.
func existingTarget(p *Project, r *Result, t string) {
	cur, err := os.ReadFile(filepath.Join(p.Root, filepath.FromSlash(t)))
	same := err == nil && r.Changed() && r.NewPath == t && bytes.Equal(cur, r.out)
	if same && !r.Kept {
		r.finish = true
		r.Notes = append(r.Notes, fmt.Sprintf("%s already holds this file's migration (a run was interrupted before it removed the source): only the source is removed", t))
		return
	}
	reason := fmt.Sprintf("target %s already exists and is not this file's migration; nothing changed for this file", t)
	if same {
		reason = fmt.Sprintf("target %s already holds this file's migration with its TODOs (an interrupted --include-todo run): run with --include-todo to finish the move, or remove %s", t, t)
	}
	if r.Status == StatusError {
		r.Reasons = append(r.Reasons, reason)
		return
	}
	*r = Result{Root: r.Root, Path: r.Path, NewPath: t, Kind: r.Kind, Status: StatusError, Reasons: []string{reason}}
}

// removeTemps removes the temp files (rel slash paths) an interrupted run
// left in project j, and says so.
func (e *emitter) removeTemps(j *job, temps []string) {
	n := 0
	for _, t := range temps {
		if os.Remove(filepath.Join(j.proj.Root, filepath.FromSlash(t))) == nil {
			n++
		} else {
			fmt.Fprintf(e.opts.Stderr, "routemod: %s: a temp file left by an interrupted run could not be removed\n", filepath.Join(j.arg, t))
		}
	}
	if n > 0 {
		e.clearBar()
		fmt.Fprintf(e.opts.Stderr, "routemod: removed %d temp files left by an interrupted run\n", n)
	}
}

// tsconfigResult is the tsconfig.json change a project with migrated
// routes needs, or nil.
func tsconfigResult(p *Project) *Result {
	name := "tsconfig.json"
	src, err := os.ReadFile(filepath.Join(p.Root, name))
	if err != nil {
		return nil
	}
	out := KeepStrictNullChecks(src)
	if out == nil {
		return nil
	}
	if reason := p.outside(name); reason != "" {
		return &Result{Path: name, Kind: KindTsconfig, Status: StatusSkipped, Reasons: []string{reason + `; "strictNullChecks": false not written there: add it yourself (see the note)`}, Notes: []string{TsconfigNote}}
	}
	return &Result{Path: name, Kind: KindTsconfig, Status: StatusMigrated, Notes: []string{TsconfigNote}, orig: src, out: out}
}

func pagesDirOf(rel string) string {
	if strings.HasPrefix(rel, "src/") {
		return "src/pages"
	}
	return "pages"
}

func (e *emitter) bar() {
	if !e.opts.Progress || e.json != nil || e.total < 200 {
		return
	}
	now := time.Now()
	if now.Sub(e.lastBar) < 100*time.Millisecond && e.done != e.total {
		return
	}
	e.lastBar = now
	e.barShown = true
	rate := float64(e.done) / now.Sub(e.start).Seconds()
	const width = 30
	fill := width * e.done / e.total
	fmt.Fprintf(e.opts.Stderr, "\r[%s%s] %d/%d files %.0f/s", strings.Repeat("=", fill), strings.Repeat(" ", width-fill), e.done, e.total, rate)
}

func (e *emitter) clearBar() {
	if e.barShown {
		fmt.Fprint(e.opts.Stderr, "\r\033[K")
		e.barShown = false
	}
}

func (e *emitter) finish() int {
	e.clearBar()
	if e.json != nil {
		e.json.end(e.sum)
	}
	if e.opts.Context.Err() != nil {
		fmt.Fprintln(e.opts.Stderr, interruptedLine(e.sum, e.total-e.routes, e.opts.Write))
		return ExitError
	}
	fmt.Fprintln(e.opts.Stderr, e.sum.String())
	if l := e.sum.KeptLine(e.opts); l != "" {
		fmt.Fprintln(e.opts.Stderr, l)
	}
	switch {
	case e.sum.Errors() > 0:
		return ExitError
	case e.opts.Check && e.pending:
		return ExitPending
	}
	return ExitOK
}
