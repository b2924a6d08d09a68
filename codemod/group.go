package codemod

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// JournalName is the file, in the project root, that holds a group of
// writes while it is written: the routes that call project helpers which
// routemod rewrites in place, and those helpers' modules. Neither half
// works without the other (a moved route calls the new form of a helper;
// a route left in pages/api calls the old one), so the group is written
// as a unit:
//
//	.routemod-pending.json written (synced) => new files => files edited in place => sources removed => journal removed
//
// A run killed in between leaves the journal; the next --write finishes
// the group from it before anything else (finishJournal), and a dry run
// says it must. A write that fails inside the group rolls back what the
// group wrote, and every file of it is an error.
const JournalName = ".routemod-pending.json"

// journalNote heads every journal, naming what wrote it.
const journalNote = "routemod: a group of writes in progress; routemod --write finishes it"

// journal is the file JournalName.
type journal struct {
	Note  string         `json:"routemod"`
	Files []journalEntry `json:"files"`
}

// journalEntry is one file of a group: what it held when routemod read it,
// and what it holds once the group is written.
type journalEntry struct {
	Path string `json:"path"` // slash path relative to the project root
	// Before is the sha256 of the text routemod read; "" when the file
	// did not exist.
	Before string `json:"before,omitempty"`
	After  []byte `json:"after,omitempty"`  // the text written (base64)
	Remove bool   `json:"remove,omitempty"` // the file is removed instead
	// Mode is the permission bits of a file the group creates.
	Mode fs.FileMode `json:"mode,omitempty"`
	// Prune is the folder (slash path) up to which the folders a removal
	// empties are removed.
	Prune string `json:"prune,omitempty"`

	orig []byte // the text read, for a rollback (not in the journal)
}

// groupStep, when set (by tests), runs before each file of a group is
// written; an error it returns is that write's failure.
var groupStep func(rel string) error

// textHash is the Before of a text.
func textHash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// groupEntries lists the files of a group in the order they are written:
// every route's modules and target, then the project files changed in
// place, then the routes' sources.
//
//	pages/api/a.ts -> app/api/a/route.ts, lib/h.ts => app/api/a/route.ts, lib/h.ts, -pages/api/a.ts
func groupEntries(root string, routes, changes []*Result) ([]journalEntry, error) {
	var created, edited, removed []journalEntry
	for _, r := range routes {
		st, err := os.Stat(filepath.Join(root, filepath.FromSlash(r.Path)))
		if err != nil {
			return nil, err
		}
		for _, m := range r.modules {
			created = append(created, journalEntry{Path: m.Path, After: m.out, Mode: 0o644})
		}
		created = append(created, journalEntry{Path: r.NewPath, After: r.out, Mode: st.Mode().Perm()})
		removed = append(removed, journalEntry{Path: r.Path, Before: textHash(r.orig), Remove: true, Prune: pagesDirOf(r.Path), orig: r.orig})
	}
	for _, c := range changes {
		edited = append(edited, journalEntry{Path: c.Path, Before: textHash(c.orig), After: c.out, orig: c.orig})
	}
	all := append(append(created, edited...), removed...)
	seen := map[string]bool{}
	for _, e := range all {
		if seen[e.Path] {
			return nil, fmt.Errorf("internal error: %s is written twice in one group", e.Path)
		}
		seen[e.Path] = true
	}
	return all, nil
}

// writeGroup writes the files of one group as a unit: the journal first,
// then each file, then the journal is removed. When a file cannot be
// written, the files written before it are restored and the journal is
// removed (the error says so); when that restoring fails too, the journal
// stays, for the next --write to finish the group (changed is then true:
// the tree is not as it was). It never stops half way for an interrupt: a
// group is a few writes.
func writeGroup(p *Project, entries []journalEntry) (changed bool, err error) {
	for _, e := range entries {
		if reason := p.outside(e.Path); reason != "" {
			return false, fmt.Errorf("%s; nothing written", reason)
		}
	}
	writing.Lock()
	defer writing.Unlock()
	if err := writeJournal(p.Root, entries); err != nil {
		return false, fmt.Errorf("write %s: %v; nothing written", JournalName, err)
	}
	var undos []func() error
	for _, e := range entries {
		undo, err := applyStep(p.Root, &e)
		if err == nil {
			if undo != nil {
				undos = append(undos, undo)
			}
			continue
		}
		what := "write"
		if e.Remove {
			what = "remove"
		}
		err = fmt.Errorf("%s %s: %v", what, e.Path, err)
		for k := len(undos) - 1; k >= 0; k-- {
			if uerr := undos[k](); uerr != nil {
				return true, fmt.Errorf("%v; restoring the files of the group written before it failed too (%v): %s is kept, run routemod --write again to finish the group once that is fixed", err, uerr, JournalName)
			}
		}
		if rerr := removeJournal(p.Root); rerr != nil {
			return false, fmt.Errorf("%v; the files of the group written before it were restored, but %s could not be removed (%v): remove it", err, JournalName, rerr)
		}
		if len(undos) > 0 {
			err = fmt.Errorf("%v; the files of the group written before it were restored", err)
		}
		return false, err
	}
	if err := removeJournal(p.Root); err != nil {
		// every file is in place: the next --write removes the journal
		// (finishing a finished group changes nothing)
		return true, fmt.Errorf("%w (%v): remove it", errJournalLeft, err)
	}
	return true, nil
}

// errJournalLeft is the error of a group written in full whose journal
// could not be removed.
var errJournalLeft = errors.New("every file of the group is written, but " + JournalName + " could not be removed")

// applyStep brings the file of e to its After state and returns how to
// undo that, or a nil undo when the file was there already. A file in
// neither its Before nor its After state is an error: the group is not
// routemod's to finish.
func applyStep(root string, e *journalEntry) (undo func() error, err error) {
	if groupStep != nil {
		if err := groupStep(e.Path); err != nil {
			return nil, err
		}
	}
	name := filepath.Join(root, filepath.FromSlash(e.Path))
	cur, exists, err := readState(name)
	if err != nil {
		return nil, err
	}
	if e.Remove && !exists {
		prune(root, e) // a run killed after the removal may have left them
		return nil, nil
	}
	if !e.Remove && exists && bytes.Equal(cur, e.After) {
		return nil, nil // done already
	}
	switch {
	case exists && e.Before == "":
		return nil, fmt.Errorf("%w, and holds something else than what routemod writes there", ErrTargetExists)
	case !exists && e.Before != "":
		return nil, fmt.Errorf("%w: it is gone", ErrSourceChanged)
	case exists && textHash(cur) != e.Before:
		return nil, fmt.Errorf("%w: it holds neither the text routemod read nor the one it writes", ErrSourceChanged)
	}
	dir := filepath.Dir(name)
	switch {
	case e.Remove:
		st, err := os.Stat(name)
		if err != nil {
			return nil, err
		}
		if err := removeSource(name); err != nil {
			return nil, err
		}
		writeSyncDir(dir)
		prune(root, e)
		return func() error {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			return createFile(name, cur, st.Mode().Perm())
		}, nil
	case !exists:
		created, err := writeMkdirAll(dir)
		if err != nil {
			return nil, err
		}
		if err := createFile(name, e.After, e.Mode); err != nil {
			writeRemoveDirs(created)
			return nil, err
		}
		return func() error {
			if err := os.Remove(name); err != nil {
				return err
			}
			writeRemoveDirs(created)
			writeSyncDir(dir)
			return nil
		}, nil
	default:
		st, err := os.Stat(name)
		if err != nil {
			return nil, err
		}
		if err := replaceFile(name, e.After, st.Mode().Perm()); err != nil {
			return nil, err
		}
		return func() error { return replaceFile(name, cur, st.Mode().Perm()) }, nil
	}
}

// prune removes the folders the removal e empties, up to e.Prune.
func prune(root string, e *journalEntry) {
	if e.Prune != "" {
		name := filepath.Join(root, filepath.FromSlash(e.Path))
		writePruneDirs(filepath.Dir(name), filepath.Join(root, filepath.FromSlash(e.Prune)))
	}
}

// readState reads a file of a group: its text, or exists false when it is
// not there. A link or a folder is an error: a group writes regular files.
func readState(name string) (text []byte, exists bool, err error) {
	st, err := os.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if !st.Mode().IsRegular() {
		return nil, false, fmt.Errorf("not a regular file (%s): not written through", st.Mode().Type())
	}
	text, err = os.ReadFile(name)
	return text, err == nil, err
}

// createFile creates name holding data (a synced temp file linked into
// place: never over an existing file).
func createFile(name string, data []byte, perm fs.FileMode) error {
	dir := filepath.Dir(name)
	tmp, err := writeTemp(dir, data, perm)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := writeLinkNew(tmp, name); err != nil {
		return err
	}
	writeSyncDir(dir)
	return nil
}

// replaceFile replaces name's text with data (a synced temp file renamed
// over it).
func replaceFile(name string, data []byte, perm fs.FileMode) error {
	dir := filepath.Dir(name)
	tmp, err := writeTemp(dir, data, perm)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return err
	}
	writeSyncDir(dir)
	return nil
}

// writeJournal writes the journal of entries into root, synced, never
// over an existing one.
func writeJournal(root string, entries []journalEntry) error {
	b, err := json.MarshalIndent(journal{Note: journalNote, Files: entries}, "", " ")
	if err != nil {
		return err
	}
	return createFile(filepath.Join(root, JournalName), append(b, '\n'), 0o644)
}

func removeJournal(root string) error {
	if err := os.Remove(filepath.Join(root, JournalName)); err != nil {
		return err
	}
	writeSyncDir(root)
	return nil
}

// readJournal reads the journal an interrupted run left in root; nil when
// there is none.
func readJournal(root string) (*journal, error) {
	name := filepath.Join(root, JournalName)
	b, exists, err := readState(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", JournalName, err)
	}
	if !exists {
		return nil, nil
	}
	var j journal
	if err := json.Unmarshal(b, &j); err != nil || j.Note != journalNote {
		return nil, fmt.Errorf("%s is not a journal routemod wrote (%v): look at it, and remove it", JournalName, err)
	}
	for _, e := range j.Files {
		if !localPath(e.Path) || e.Prune != "" && !localPath(e.Prune) {
			return nil, fmt.Errorf("%s names %q, not a path inside the project: look at it, and remove it", JournalName, e.Path)
		}
	}
	return &j, nil
}

// localPath reports whether rel is a clean relative slash path that stays
// in its root.
func localPath(rel string) bool {
	return rel != "" && path.Clean(rel) == rel && !path.IsAbs(rel) && rel != ".." && !strings.HasPrefix(rel, "../") && filepath.IsLocal(filepath.FromSlash(rel))
}

// finishJournal finishes the group of writes whose journal an interrupted
// run left in p's root: each file not yet in its final state is brought
// there (none is written outside the root, none that holds something else),
// then the journal is removed. It returns the files it wrote and removed.
func finishJournal(p *Project, j *journal) (written, removed []string, err error) {
	for _, e := range j.Files {
		if reason := p.outside(e.Path); reason != "" {
			return nil, nil, fmt.Errorf("%s: %s; nothing written", JournalName, reason)
		}
	}
	writing.Lock()
	defer writing.Unlock()
	for _, e := range j.Files {
		undo, err := applyStep(p.Root, &e)
		if err != nil {
			return written, removed, fmt.Errorf("%s: %s: %v; %s is kept: put the file back as routemod read it (or as the journal has it), then run routemod --write again", JournalName, e.Path, err, JournalName)
		}
		if undo == nil {
			continue
		}
		if e.Remove {
			removed = append(removed, e.Path)
		} else {
			written = append(written, e.Path)
		}
	}
	if err := removeJournal(p.Root); err != nil {
		return written, removed, fmt.Errorf("every file of the group in %s is written, but it could not be removed (%v): remove it", JournalName, err)
	}
	return written, removed, nil
}

// writeGroup writes, for project j, the routes that waited for Settle
// (routes) and the project files Settle changed (changes) as one group,
// when at least one of those files changes: the routes call what they
// change. After an interrupt the group is not started (every file of it
// is then skipped); once started, it is finished. A group that cannot be
// written makes every file of it an error, none changed.
func (e *emitter) writeGroup(j *job, routes, changes []*Result) {
	var rs, cs []*Result
	for _, c := range changes {
		if c.Writes() {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		return
	}
	for _, r := range routes {
		if r.Writes() && r.NewPath != "" {
			rs = append(rs, r)
		}
	}
	all := append(slices.Clone(rs), cs...)
	for _, r := range all {
		r.grouped = true
	}
	if e.opts.Context.Err() != nil {
		for _, r := range all {
			r.Status = StatusSkipped
			r.Reasons = append(r.Reasons, "interrupted before this file was written; nothing changed for it")
		}
		return
	}
	entries, err := groupEntries(j.proj.Root, rs, cs)
	changed := false
	if err == nil {
		changed, err = writeGroup(j.proj, entries)
	}
	switch {
	case err == nil:
		return
	case errors.Is(err, errJournalLeft):
		e.clearBar()
		fmt.Fprintf(e.opts.Stderr, "routemod: %s: %v\n", j.arg, err)
		e.sum.OtherErrors++
		return
	}
	var names []string
	for _, c := range cs {
		names = append(names, c.Path)
	}
	tail := "; nothing changed for this file"
	if changed {
		tail = ""
	}
	for _, r := range all {
		what := fmt.Sprintf("it calls what routemod changes in %s, so they are written as one group", strings.Join(names, ", "))
		if r.Kind != KindRoute {
			what = "the routes that call what changes in it are written with it as one group"
		}
		r.Status = StatusError
		r.Reasons = append(r.Reasons, fmt.Sprintf("%s, and that group could not be written: %v%s", what, err, tail))
	}
}
