package codemod

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// KindModule is a project file a route's migration creates beside its
// target (next-auth's options, which a route.ts may not export).
const KindModule Kind = "module"

// newModule is a file a transform asks the driver to create.
type newModule struct {
	rel  string
	text []byte
}

// NewModule asks the driver to create the project file rel (a slash path
// relative to the root) holding text when the route moves: it is gated
// like every output, written before the route, and never over an existing
// file (one that already holds text, from an interrupted run, is kept).
func (f *File) NewModule(rel string, text []byte) {
	f.modules = append(f.modules, newModule{rel, text})
}

// Needs records that the migrated route imports what the route rel's
// migration writes (a module of NewModule): it moves only if rel moves.
func (f *File) Needs(rel string) {
	for _, n := range f.needs {
		if n == rel {
			return
		}
	}
	f.needs = append(f.needs, rel)
}

// moduleResults turns the modules f asked for into results, each gated;
// a module in the way or that does not parse fails the route (the error
// says why).
func moduleResults(f *File, res *Result) (mods []*Result, err error) {
	for _, m := range f.modules {
		if se := Gate(m.text, m.rel); se != nil {
			return nil, fmt.Errorf("%s, the module this route's migration creates, does not parse: %s:%d:%d: %s; nothing written", m.rel, m.rel, se.Line, se.Column, se.Message)
		}
		r := &Result{Path: m.rel, Kind: KindModule, Status: StatusMigrated, out: m.text,
			Notes: []string{fmt.Sprintf("created by the migration of %s", res.Path)}}
		r.TODOs = FindTODOs(m.text)
		if len(r.TODOs) > 0 {
			r.Status = StatusNeedsReview
		}
		mods = append(mods, r)
	}
	return mods, nil
}

// modulesInWay fails r when a module it creates exists already with other
// content (the route is then not written); one holding exactly the text
// an interrupted run wrote is kept as is.
func modulesInWay(p *Project, r *Result) {
	for _, m := range r.modules {
		cur, err := os.ReadFile(filepath.Join(p.Root, filepath.FromSlash(m.Path)))
		if err == nil && bytes.Equal(cur, m.out) {
			m.finish = true
			continue
		}
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			*r = Result{Root: r.Root, Path: r.Path, NewPath: r.NewPath, Kind: r.Kind, Status: StatusError,
				Reasons: []string{fmt.Sprintf("%s, the module this route's migration creates, already exists and holds something else; nothing changed for this file", m.Path)}}
			return
		}
	}
}

// writeModules writes the modules of r, before r itself, and returns
// the files it created; false (r skipped or an error, and what it
// created removed again) when one could not be written.
func (e *emitter) writeModules(j *job, r *Result) (created []string, ok bool) {
	for _, m := range r.modules {
		if m.finish {
			continue
		}
		if reason := j.proj.outside(m.Path); reason != "" {
			removeCreated(created)
			r.Status = StatusSkipped
			r.Reasons = append(r.Reasons, reason+"; nothing written")
			return nil, false
		}
		name := filepath.Join(j.proj.Root, filepath.FromSlash(m.Path))
		if err := WriteNew(name, m.out); err != nil {
			removeCreated(created)
			r.Status = StatusError
			r.Reasons = append(r.Reasons, fmt.Sprintf("write %s: %v; nothing changed for this file", m.Path, err))
			return nil, false
		}
		created = append(created, name)
	}
	return created, true
}

// removeCreated removes the modules written for a route that could not be
// written after all.
func removeCreated(names []string) {
	for _, n := range names {
		os.Remove(n)
	}
}

// WriteNew creates the file target holding data, through a synced temp
// file linked into place, so an existing file is never overwritten (one
// holding exactly data already is left as it is). Folders it creates are
// removed again when the file could not be written.
func WriteNew(target string, data []byte) error {
	writing.Lock()
	defer writing.Unlock()
	if cur, err := os.ReadFile(target); err == nil {
		if bytes.Equal(cur, data) {
			return nil
		}
		return fmt.Errorf("%s: %w", target, ErrTargetExists)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	dir := filepath.Dir(target)
	created, err := writeMkdirAll(dir)
	if err != nil {
		return err
	}
	tmp, err := writeTemp(dir, data, 0o644)
	if err != nil {
		writeRemoveDirs(created)
		return err
	}
	defer os.Remove(tmp)
	if err := writeLinkNew(tmp, target); err != nil {
		writeRemoveDirs(created)
		return err
	}
	writeSyncDir(dir)
	return nil
}
