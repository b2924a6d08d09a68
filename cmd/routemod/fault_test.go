//go:build unix

package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/routemod/routemod/bench/corpus"
)

// TestKillAndRerun kills --write with SIGKILL at several moments of a run
// over a generated project of 2,000 routes (before the first write, early,
// midway, late, and after the last route, while importers and tsconfig.json
// are written), five runs at once, re-runs each, and compares the tree with that of an
// uninterrupted run: identical, no temp file left, exit 0. The runs take
// --include-todo, so that every route moves and the importers of some are
// re-pointed.
func TestKillAndRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs --write over 2,000 routes a dozen times")
	}
	const n = 2000
	files := corpus.Project(n, 7)
	// Importers of routes, so that re-pointing them is part of the job.
	var routes []string
	for p := range files {
		if strings.HasPrefix(p, "pages/api/") && strings.Count(p, "[") == 0 && !strings.HasSuffix(p, "/index.ts") && !strings.HasSuffix(p, "/index.js") {
			routes = append(routes, p)
		}
	}
	for i, p := range routes[:min(3, len(routes))] {
		spec := "../" + strings.TrimSuffix(p, filepath.Ext(p))
		files[fmt.Sprintf("__tests__/r%d.test.ts", i)] = "import handler from \"" + spec + "\";\ntest(\"x\", () => handler);\n"
	}
	base := t.TempDir()
	writeFiles(t, base, files)

	fresh := func() string {
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS(base)); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	ref := fresh()
	if _, errOut, code := routemod(t, ref, "--write", "--force", "--include-todo"); code != 0 {
		t.Fatalf("uninterrupted run: exit %d: %s", code, tail(errOut))
	}
	want := snapshot(t, ref)
	moves := 0
	for p := range want {
		if strings.HasPrefix(p, "app/api/") {
			moves++
		}
	}
	// Kill once this many files are reported written (-1: 50 ms after start).
	for _, after := range []int{-1, 1, moves / 2, moves - 1, moves} {
		t.Run(fmt.Sprint(after), func(t *testing.T) {
			t.Parallel()
			dir := fresh()
			cmd := exec.Command(bin, "--write", "--force", "--include-todo", ".")
			cmd.Dir = dir
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			if after < 0 {
				time.Sleep(50 * time.Millisecond)
			} else {
				lines := bufio.NewScanner(out)
				for seen := 0; seen < after && lines.Scan(); {
					if strings.Contains(lines.Text(), " -> ") {
						seen++
					}
				}
			}
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			temps, both := 0, 0
			for p := range snapshot(t, dir) {
				if strings.HasPrefix(filepath.Base(p), ".routemod-") {
					temps++
				}
				if strings.HasPrefix(p, "app/api/") {
					if _, ok := files["pages/"+strings.TrimPrefix(filepath.Dir(p), "app/")+filepath.Ext(p)]; ok {
						if _, err := os.Stat(filepath.Join(dir, "pages", strings.TrimPrefix(filepath.Dir(p), "app/")+filepath.Ext(p))); err == nil {
							both++
						}
					}
				}
			}
			t.Logf("killed: %d temp files, %d routes in both places", temps, both)
			_, errOut, code := routemod(t, dir, "--write", "--force", "--include-todo")
			if code != 0 {
				t.Errorf("re-run after the kill: exit %d: %s", code, tail(errOut))
			}
			got := snapshot(t, dir)
			for p, text := range want {
				if g, ok := got[p]; !ok {
					t.Errorf("missing %s", p)
				} else if g != text {
					t.Errorf("%s differs from the uninterrupted run", p)
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

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, text := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
