package codemod_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/transforms"
)

// killed stands for a SIGKILL: the panic that stops a run where it is.
type killed struct{}

// TestHelpersKilledAndRerun runs --write with the real transforms over the
// project of fixtures/helpers-guard (guard, send and body-reading helpers
// in lib/, rewritten in place with the routes that call them), kills it
// before each write of its group, and re-runs it: the tree is that of an
// uninterrupted run, with the journal gone and exit 0.
func TestHelpersKilledAndRerun(t *testing.T) {
	in := "../fixtures/helpers-guard/input"
	run := func(dir string) (int, string) {
		m, err := transforms.New(nil)
		if err != nil {
			t.Fatal(err)
		}
		var out, errOut bytes.Buffer
		code := codemod.Run(codemod.Options{Paths: []string{dir}, Write: true, Force: true, Jobs: 2, Migrator: m, Stdout: &out, Stderr: &errOut})
		return code, out.String() + errOut.String()
	}
	fresh := func() string {
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS(in)); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	ref := fresh()
	var steps []string
	codemod.SetGroupStep(t, func(rel string) error { steps = append(steps, rel); return nil })
	if code, out := run(ref); code != 0 {
		t.Fatalf("uninterrupted run: exit %d\n%s", code, out)
	}
	want := tree(t, ref)
	if len(steps) < 4 || !strings.HasPrefix(steps[0], "app/api/") || !strings.HasPrefix(steps[len(steps)-1], "pages/api/") {
		t.Fatalf("group written in the order %v", steps)
	}
	for k, step := range steps {
		t.Run(step, func(t *testing.T) {
			dir := fresh()
			n := 0
			codemod.SetGroupStep(t, func(string) error {
				if n == k {
					panic(killed{})
				}
				n++
				return nil
			})
			func() {
				defer func() {
					if v := recover(); v != (killed{}) {
						panic(v)
					}
				}()
				run(dir)
			}()
			codemod.SetGroupStep(t, nil)
			if code, out := run(dir); code != 0 || !strings.Contains(out, "finished the group of writes an interrupted run left half done") {
				t.Errorf("re-run: exit %d\n%s", code, out)
			}
			got := tree(t, dir)
			for p, s := range want {
				if got[p] != s {
					t.Errorf("%s differs from the uninterrupted run:\n%s", p, got[p])
				}
			}
			for p := range got {
				if _, ok := want[p]; !ok {
					t.Errorf("extra file %s", p)
				}
			}
		})
	}
}

// tree returns every file under dir by slash path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			m[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	return m
}
