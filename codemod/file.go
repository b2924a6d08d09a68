package codemod

import (
	"context"
	"fmt"
	"iter"
	"sort"
	"strings"
)

// File is one route file as the transforms see it: the source, its tree,
// where it moves, and the edits and messages the transforms add. Transforms
// never do I/O; they only call the methods below.
type File struct {
	Path       string    // slash path relative to the project root
	NewPath    string    // where it moves, "" when it stays
	Src        []byte    // original text
	Root       *Node     // syntax tree of Src
	TypeScript bool      // .ts or .tsx
	Style      Style     // line ending and indent unit
	Segments   []Segment // dynamic segments of the route path
	NextMajor  int       // target Next.js major version
	Project    *Project  // the whole project, read-only
	// Check, when the Migrator sets it, is the last look at the migrated
	// text: the driver parses the output, with every edit applied, into a
	// File of its own and calls Check on it; the markers Check adds there
	// are applied too (see lastCheck).
	Check func(out *File)

	edits   []Edit
	index   editIndex // finds edits by offset (see EditsWithin)
	notes   []string
	skip    string
	current string      // transform now running
	modules []newModule // files to create beside the target (newfile.go)
	needs   []string    // routes that must move for this one to move
	// settles is set by DependOnSettle.
	settles bool
}

// Migrator turns a File's pages-router handler into app-router code by
// adding edits. transforms.Migrator is the real one. The driver calls
// Prepare once per project, before any Migrate of its routes, and
// Repoint on the files that import a moved route once every route of the
// project is done.
type Migrator interface {
	// Prepare receives every source file of the project (the transforms
	// build their project index there).
	Prepare(p *Project, files iter.Seq[Source])
	// Migrate adds the edits of one route file.
	Migrate(f *File)
	// ImportersOf lists the files that import the file rel.
	ImportersOf(p *Project, rel string) []Importer
	// Repoint adds the edits of a file that imports a route which moved
	// in this run (moved: source => target); f.Root is nil.
	Repoint(f *File, moved map[string]string)
	// Settle is called once per project, when the fate of every route of
	// the run is known (moves reports whether a route moves): it returns
	// the routes, among those that called File.DependOnSettle, whose
	// migration must run again because what they call changed with those
	// fates, and the project files that are not routes to change with
	// them (see ProjectChange).
	Settle(p *Project, moves func(rel string) bool) (redo []string, changes []*ProjectChange)
}

// SetTransform names the transform whose edits and messages follow.
func (f *File) SetTransform(name string) { f.current = name }

// Replace replaces src[start:end] with text.
func (f *File) Replace(start, end int, text string) {
	f.edits = append(f.edits, Edit{Start: start, End: end, New: text, By: f.current})
}

// ReplaceNode replaces the text of n.
func (f *File) ReplaceNode(n *Node, text string) { f.Replace(n.Start, n.End, text) }

// Insert inserts text at off.
func (f *File) Insert(off int, text string) { f.Replace(off, off, text) }

// AddEdit adds a prepared edit as is.
func (f *File) AddEdit(e Edit) { f.edits = append(f.edits, e) }

// Edits returns the edits so far, in the order they were added.
func (f *File) Edits() []Edit { return f.edits }

// SetEdits replaces the edit list (used by a transform that folds other
// transforms' edits into a larger one).
func (f *File) SetEdits(e []Edit) { f.edits, f.index = e, editIndex{} }

// Note adds a report note: something the user should know about the
// migrated file that needs no marker in the code.
func (f *File) Note(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	for _, n := range f.notes {
		if n == msg {
			return
		}
	}
	f.notes = append(f.notes, msg)
}

// Notes returns the report notes.
func (f *File) Notes() []string { return f.notes }

// Skip leaves the file where it is, untouched, with a reason.
func (f *File) Skip(format string, args ...any) {
	if f.skip == "" {
		f.skip = fmt.Sprintf(format, args...)
	}
}

// Skipped returns the skip reason, "" when the file is migrated.
func (f *File) Skipped() string { return f.skip }

// TodoMarker is the comment prefix of every marker routemod writes.
const TodoMarker = "TODO(routemod):"

// Todo inserts a `// TODO(routemod): msg` line above the line holding off,
// at that line's indentation. A marker already there is not repeated.
func (f *File) Todo(off int, format string, args ...any) {
	msg := strings.Join(strings.Fields(fmt.Sprintf(format, args...)), " ") // one line, whatever code it quotes
	ls := LineStart(f.Src, off)
	if len(f.EditsOverlapping(ls, ls)) > 0 {
		// the line's start is inside another rewrite: mark the statement itself
		f.Insert(off, "/* "+TodoMarker+" "+strings.ReplaceAll(msg, "*/", "* /")+" */ ")
		return
	}
	line := IndentAt(f.Src, off) + "// " + TodoMarker + " " + msg
	if ls > 0 {
		prev := LineStart(f.Src, ls-1)
		if strings.TrimRight(string(f.Src[prev:ls]), "\r\n") == line {
			return
		}
	}
	f.Insert(ls, line+f.Style.EOL)
}

// Text returns the source text of n.
func (f *File) Text(n *Node) string { return string(f.Src[n.Start:n.End]) }

// Idents returns every identifier spelled in the file, for picking fresh names.
func (f *File) Idents() map[string]bool {
	ids := map[string]bool{}
	f.Root.Walk(func(n *Node) bool {
		switch n.Kind {
		case "identifier", "shorthand_property_identifier_pattern", "shorthand_property_identifier", "type_identifier":
			ids[f.Text(n)] = true
		}
		return true
	})
	return ids
}

// Project is what the transforms may know about the whole run: every route
// file and where it moves.
type Project struct {
	Root  string            // absolute project root
	Moves map[string]string // slash rel source => slash rel target

	skips   map[string]string // sources planned to stay, with the reason
	blocked map[string]string // sources that cannot move: errors, with the reason
	// existing maps a source to its target when that target already exists.
	existing map[string]string
	ctx      context.Context // the run's; its cancellation stops the project walks
	routes   []string        // every route file, as Discover found them
	linked   []string        // route files and folders that are links, skipped
	real     string          // Root with every link resolved
	exts     []string        // the page extensions
	temps    []string        // temp files an interrupted run left, found by Sources
	// migrator is the run's Migrator, whose index knows who imports what.
	migrator Migrator
	// Earlier maps the routes an earlier run moved (their pages/api file is
	// gone) to their files in app/api: their importers are re-pointed too.
	Earlier map[string]string
	// AppPages are the URL patterns of the project's app-router pages.
	AppPages []string
}

// TODO is a marker found in an output file.
type TODO struct {
	Line int    `json:"line"`
	Text string `json:"text"`
}

// FindTODOs lists the routemod markers in text with 1-based line numbers.
func FindTODOs(text []byte) []TODO {
	var out []TODO
	for i, l := range strings.Split(string(text), "\n") {
		if k := strings.Index(l, TodoMarker); k >= 0 {
			out = append(out, TODO{Line: i + 1, Text: strings.TrimSpace(strings.TrimRight(l[k+len(TodoMarker):], "\r"))})
		}
	}
	return out
}

// transformsAt names the transforms whose edits produced output offset off,
// given the sorted edits applied to src.
func transformsAt(sorted []Edit, off int) string {
	delta := 0
	best := ""
	for _, e := range sorted {
		os, oe := e.Start+delta, e.Start+delta+len(e.New)
		if off >= os-1 && off <= oe+1 {
			return e.By
		}
		if os <= off {
			best = e.By
		}
		delta += len(e.New) - (e.End - e.Start)
	}
	if best == "" {
		names := map[string]bool{}
		for _, e := range sorted {
			names[e.By] = true
		}
		var l []string
		for n := range names {
			l = append(l, n)
		}
		sort.Strings(l)
		return strings.Join(l, ",")
	}
	return best
}
