package codemod

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// groupFiles is a project whose routes a and c call a helper of lib/h.ts
// that Settle changes (settleMigrator): the group of a, c and lib/h.ts. b
// calls nothing.
var groupFiles = map[string]string{
	"pages/api/a.ts": "// CALLS\nexport default function h(req, res) {}\n",
	"pages/api/c.ts": "// CALLS\nexport default function h(req, res) {}\n",
	"pages/api/b.ts": "export default function h(req, res) {}\n",
	"lib/h.ts":       "export function ok(res, x) { res.json(x) }\n",
}

// groupMigrator is settleMigrator with a Settle that, as the real one,
// changes lib/h.ts only for routes that move.
type groupMigrator struct{ settleMigrator }

func (g groupMigrator) Settle(p *Project, moves func(string) bool) ([]string, []*ProjectChange) {
	redo, changes := g.settleMigrator.Settle(p, moves)
	if len(changes[0].Routes) == 0 {
		return redo, nil
	}
	return redo, changes
}

// groupEdit is Settle's change of lib/h.ts.
func groupEdit(f *File) {
	f.Insert(len(f.Src), "export function okResponse(x) { return Response.json(x) }\n")
}

// runGroup runs --write (or a dry run) over dir with settleMigrator and
// returns the exit code, stdout and stderr.
func runGroup(t *testing.T, dir string, ctx context.Context, write bool) (int, string, string) {
	t.Helper()
	m := groupMigrator{settleMigrator{edit: groupEdit, calls: map[string]int{}}}
	var out, errOut bytes.Buffer
	code := Run(Options{Paths: []string{dir}, Write: write, Force: true, Jobs: 2, Migrator: m, Stdout: &out, Stderr: &errOut, Context: ctx})
	return code, out.String(), errOut.String()
}

// groupProject writes groupFiles into a new folder.
func groupProject(t *testing.T) string {
	dir := t.TempDir()
	writeTestTree(t, dir, groupFiles)
	return dir
}

// groupConsistent fails the test unless the project in dir is in one
// type-state: lib/h.ts in its new form exactly when the routes that call
// it (a and c) are in app/api and gone from pages/api, each route in one
// place only.
func groupConsistent(t *testing.T, dir string) (moved bool) {
	t.Helper()
	lib, _ := os.ReadFile(filepath.Join(dir, "lib/h.ts"))
	newForm := bytes.Contains(lib, []byte("okResponse"))
	for _, r := range []string{"a", "c"} {
		_, errPages := os.Stat(filepath.Join(dir, "pages/api", r+".ts"))
		_, errApp := os.Stat(filepath.Join(dir, "app/api", r, "route.ts"))
		inPages, inApp := errPages == nil, errApp == nil
		if inPages == inApp {
			t.Errorf("%s: in pages/api %v, in app/api %v", r, inPages, inApp)
		}
		if inApp != newForm {
			t.Errorf("%s in app/api: %v, but lib/h.ts in its new form: %v", r, inApp, newForm)
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, JournalName)); err == nil {
		t.Errorf("%s left", JournalName)
	}
	return newForm
}

// TestGroupInterruptedAfterTheRoutes: an interrupt that comes while the
// group of a, c and lib/h.ts is written (here as c's source is removed,
// the last write of the routes) does not stop it half way: the helper's
// module is written with its routes, and reported.
func TestGroupInterruptedAfterTheRoutes(t *testing.T) {
	dir := groupProject(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	old := removeSource
	defer func() { removeSource = old }()
	removeSource = func(name string) error {
		if filepath.Base(name) == "c.ts" {
			cancel()
		}
		return os.Remove(name)
	}
	code, out, errOut := runGroup(t, dir, ctx, true)
	if code != ExitError || !strings.Contains(errOut, "interrupted") {
		t.Errorf("exit %d, want %d with the interrupted line:\n%s", code, ExitError, errOut)
	}
	if !groupConsistent(t, dir) {
		t.Errorf("the group was not written:\n%s%s", out, errOut)
	}
	if !strings.Contains(out, "lib/h.ts (helper migrated") {
		t.Errorf("lib/h.ts written but not reported:\n%s", out)
	}
}

// TestGroupWriteFails: when a file of the group cannot be written (here
// c's source cannot be removed), what the group wrote is restored: the
// project is as it was, and every file of the group is an error naming
// the file and the reason.
func TestGroupWriteFails(t *testing.T) {
	dir := groupProject(t)
	old := removeSource
	defer func() { removeSource = old }()
	removeSource = func(name string) error {
		if filepath.Base(name) == "c.ts" {
			return errors.New("operation not permitted")
		}
		return os.Remove(name)
	}
	code, _, errOut := runGroup(t, dir, nil, true)
	if code != ExitError {
		t.Errorf("exit %d, want %d:\n%s", code, ExitError, errOut)
	}
	if groupConsistent(t, dir) {
		t.Error("the group is written, though c's source could not be removed")
	}
	for _, f := range []string{"pages/api/a.ts", "pages/api/c.ts", "lib/h.ts"} {
		if b, err := os.ReadFile(filepath.Join(dir, f)); err != nil || string(b) != groupFiles[f] {
			t.Errorf("%s: %q, %v; want it as it was", f, b, err)
		}
	}
	for _, d := range []string{"app/api/a", "app/api/c"} {
		if _, err := os.Stat(filepath.Join(dir, d)); err == nil {
			t.Errorf("%s left", d)
		}
	}
	for _, f := range []string{"pages/api/a.ts", "pages/api/c.ts", "lib/h.ts"} {
		if !strings.Contains(errOut, f+": error: ") {
			t.Errorf("%s not reported as an error:\n%s", f, errOut)
		}
	}
	if !strings.Contains(errOut, "remove pages/api/c.ts: operation not permitted") {
		t.Errorf("the failing file and its reason are not named:\n%s", errOut)
	}
}

// groupKilled is the panic that stands for a SIGKILL in these tests.
type groupKilled struct{}

// killedRun runs --write and stops it where kill panics, as a SIGKILL
// would: nothing after that point runs.
func killedRun(t *testing.T, dir string) {
	t.Helper()
	defer func() {
		if v := recover(); v != nil && v != (groupKilled{}) {
			panic(v)
		}
	}()
	runGroup(t, dir, nil, true)
	t.Fatal("the run was not killed")
}

// TestGroupKilledAndRerun: a run killed after the routes of the group are
// written (here just after c's source is removed) leaves what the next
// --write finishes: the tree of an uninterrupted run.
func TestGroupKilledAndRerun(t *testing.T) {
	ref := groupProject(t)
	if code, out, errOut := runGroup(t, ref, nil, true); code != ExitOK {
		t.Fatalf("uninterrupted run: exit %d\n%s%s", code, out, errOut)
	}
	want := writeTestReadTree(t, ref)

	dir := groupProject(t)
	old := removeSource
	removeSource = func(name string) error {
		err := os.Remove(name)
		if filepath.Base(name) == "c.ts" {
			panic(groupKilled{})
		}
		return err
	}
	killedRun(t, dir)
	removeSource = old
	code, out, errOut := runGroup(t, dir, nil, true)
	if code != ExitOK {
		t.Errorf("re-run: exit %d\n%s%s", code, out, errOut)
	}
	groupConsistent(t, dir)
	writeTestSameTree(t, writeTestReadTree(t, dir), want)
}

// groupSteps are the files of the group of groupFiles, in the order they
// are written.
var groupSteps = []string{"app/api/a/route.ts", "app/api/c/route.ts", "lib/h.ts", "pages/api/a.ts", "pages/api/c.ts"}

// TestGroupKilledAtEachStep kills --write before each write of the group
// (and after the last): the journal is there whenever a file of the group
// is written; a dry run then says the run must be finished and exits 2,
// and --write finishes it: the tree of an uninterrupted run.
func TestGroupKilledAtEachStep(t *testing.T) {
	ref := groupProject(t)
	if code, out, errOut := runGroup(t, ref, nil, true); code != ExitOK {
		t.Fatalf("uninterrupted run: exit %d\n%s%s", code, out, errOut)
	}
	want := writeTestReadTree(t, ref)
	for k := range len(groupSteps) + 1 {
		name := "after the last"
		if k < len(groupSteps) {
			name = "before " + groupSteps[k]
		}
		t.Run(name, func(t *testing.T) {
			dir := groupProject(t)
			n := 0
			groupStep = func(rel string) error {
				if rel != groupSteps[n] {
					t.Errorf("write %d: %s, want %s", n, rel, groupSteps[n])
				}
				if n == k {
					panic(groupKilled{})
				}
				n++
				return nil
			}
			if k == len(groupSteps) {
				// killed once every file is written, before the journal is removed
				old := removeSource
				defer func() { removeSource = old }()
				removeSource = func(name string) error {
					err := os.Remove(name)
					if filepath.Base(name) == "c.ts" {
						panic(groupKilled{})
					}
					return err
				}
			}
			killedRun(t, dir)
			groupStep = nil
			if _, err := os.Stat(filepath.Join(dir, JournalName)); err != nil {
				t.Fatalf("killed inside the group, and no journal: %v", err)
			}
			before := writeTestReadTree(t, dir)
			code, out, errOut := runGroup(t, dir, nil, false)
			if code != ExitError || out != "" || !strings.Contains(errOut, "an interrupted run of routemod --write left a group of writes half done (.routemod-pending.json: app/api/a/route.ts, app/api/c/route.ts, lib/h.ts, pages/api/a.ts, pages/api/c.ts): the project may not build until it is finished; run routemod --write to finish it") {
				t.Errorf("dry run: exit %d\n%s%s", code, out, errOut)
			}
			writeTestSameTree(t, writeTestReadTree(t, dir), before)
			code, out, errOut = runGroup(t, dir, nil, true)
			if code != ExitOK || !strings.Contains(errOut, "finished the group of writes an interrupted run left half done (.routemod-pending.json): ") {
				t.Errorf("re-run: exit %d\n%s%s", code, out, errOut)
			}
			groupConsistent(t, dir)
			writeTestSameTree(t, writeTestReadTree(t, dir), want)
		})
	}
	groupStep = nil
}

// TestGroupStepFails fails each write of the group in turn: every file the
// group wrote before it is restored (a created file removed with the
// folders made for it, an edited file given back its text, a removed
// source put back), nothing is left of the group, and every file of it is
// an error naming the file that failed.
func TestGroupStepFails(t *testing.T) {
	defer func() { groupStep = nil }()
	for _, failing := range groupSteps {
		t.Run(failing, func(t *testing.T) {
			dir := groupProject(t)
			groupStep = func(rel string) error {
				if rel == failing {
					return errors.New("no space left on device")
				}
				return nil
			}
			code, out, errOut := runGroup(t, dir, nil, true)
			groupStep = nil
			if code != ExitError {
				t.Errorf("exit %d, want %d\n%s%s", code, ExitError, out, errOut)
			}
			if groupConsistent(t, dir) {
				t.Error("the group is written")
			}
			for _, f := range []string{"pages/api/a.ts", "pages/api/c.ts", "lib/h.ts"} {
				if b, err := os.ReadFile(filepath.Join(dir, f)); err != nil || string(b) != groupFiles[f] {
					t.Errorf("%s: %q, %v; want it as it was", f, b, err)
				}
				if !strings.Contains(errOut, f+": error: ") || !strings.Contains(errOut, failing+": no space left on device") {
					t.Errorf("%s: not an error naming %s:\n%s", f, failing, errOut)
				}
			}
			for _, d := range []string{"app/api/a", "app/api/c"} {
				if _, err := os.Stat(filepath.Join(dir, d)); err == nil {
					t.Errorf("%s left", d)
				}
			}
			if !strings.Contains(errOut, "3 routes: 1 migrated, 0 needs-review, 0 unchanged, 0 skipped, 2 error; 1 other file failed") {
				t.Errorf("summary:\n%s", errOut)
			}
		})
	}
}

// TestGroupJournalConflict: a file of the group that holds neither what
// routemod read nor what it writes (edited by hand after the kill) stops
// the re-run before anything is written; the journal stays.
func TestGroupJournalConflict(t *testing.T) {
	dir := groupProject(t)
	groupStep = func(rel string) error {
		if rel == "lib/h.ts" {
			panic(groupKilled{})
		}
		return nil
	}
	killedRun(t, dir)
	groupStep = nil
	os.WriteFile(filepath.Join(dir, "lib/h.ts"), []byte("// mine\n"), 0o644)
	before := writeTestReadTree(t, dir)
	code, out, errOut := runGroup(t, dir, nil, true)
	if code != ExitError || !strings.Contains(errOut, ".routemod-pending.json: lib/h.ts: source changed since it was read: it holds neither the text routemod read nor the one it writes; .routemod-pending.json is kept") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	writeTestSameTree(t, writeTestReadTree(t, dir), before)
}

// TestGroupTargetInTheWay: a route of the group whose target exists with
// other content is an error found before Settle decides: the helpers are
// changed for the routes that move only (lib/h.ts does not list a), and the
// rest of the group is written.
func TestGroupTargetInTheWay(t *testing.T) {
	dir := groupProject(t)
	writeTestTree(t, dir, map[string]string{"app/api/a/route.ts": "export const GET = () => new Response('mine')\n"})
	code, out, errOut := runGroup(t, dir, nil, true)
	if code != ExitError || !strings.Contains(errOut, "pages/api/a.ts: error: target app/api/a/route.ts already exists") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "okResponse (added beside ok, which files that stay still call): returns a Response, for pages/api/b.ts, pages/api/c.ts)") {
		t.Errorf("lib/h.ts changed for a, which stays:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "app/api/c/route.ts")); err != nil {
		t.Errorf("c not moved: %v", err)
	}
}

// SetGroupStep makes fn run before each write of a group (an error it
// returns is that write's failure), until the test ends.
func SetGroupStep(t *testing.T, fn func(rel string) error) {
	groupStep = fn
	t.Cleanup(func() { groupStep = nil })
}
