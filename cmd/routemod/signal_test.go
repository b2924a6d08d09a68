//go:build unix

package main

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/routemod/routemod/bench/corpus"
)

// TestInterruptStopsTheRun sends SIGINT (SIGTERM) to runs over 12,000
// routes on one worker, which take 20 s and more uninterrupted, and checks
// that the process exits within 2 s of the signal (a liveness bound, not a
// benchmark) with one summary line, no temp file and no route in both
// places.
func TestInterruptStopsTheRun(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 12,000 routes")
	}
	base := t.TempDir()
	if err := corpus.Generate(base, 12000, 1); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		sig  syscall.Signal
		args []string
	}{
		{"dry-run-SIGTERM", syscall.SIGTERM, []string{"-j", "1", "."}},
		{"write-SIGINT", syscall.SIGINT, []string{"--write", "--force", "-j", "1", "."}}, // last: it changes the tree
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := base
			cmd := exec.Command(bin, tc.args...)
			cmd.Dir = dir
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Signal the dry run half a second in, the --write run once it
			// has written files.
			lines := bufio.NewScanner(out)
			if tc.args[0] == "--write" {
				for i := 0; i < 20 && lines.Scan(); i++ {
				}
			} else {
				time.Sleep(500 * time.Millisecond)
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				for lines.Scan() {
				}
				done <- cmd.Wait()
			}()
			select {
			case err = <-done:
			case <-time.After(2 * time.Second):
				cmd.Process.Kill()
				<-done
				t.Fatalf("still running 2 s after %v", tc.sig)
			}
			ee, ok := err.(*exec.ExitError)
			if !ok || ee.ExitCode() != 2 {
				t.Fatalf("want exit 2 after %v, got %v\n%s", tc.sig, err, tail(stderr.String()))
			}
			if n := strings.Count(stderr.String(), "interrupted"); n != 1 {
				t.Errorf("want one summary line saying interrupted, got %d lines:\n%s", n, tail(stderr.String()))
			}
			if !strings.Contains(stderr.String(), "files not processed") {
				t.Errorf("no summary line:\n%s", tail(stderr.String()))
			}
			if tc.args[0] == "--write" {
				checkNoHalfWrite(t, dir)
			}
		})
	}
}

// checkNoHalfWrite fails on a temp file left in dir or a route found both
// in pages/api and in app/api.
func checkNoHalfWrite(t *testing.T, dir string) {
	t.Helper()
	moved := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".routemod-") {
			t.Errorf("temp file left: %s", p)
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if !d.IsDir() && strings.HasPrefix(rel, "pages/api/") {
			ext := filepath.Ext(rel)
			stem := strings.TrimSuffix(strings.TrimPrefix(rel, "pages/"), ext)
			stem = strings.TrimSuffix(stem, "/index")
			for _, e := range []string{".ts", ".js"} {
				if _, err := os.Stat(filepath.Join(dir, "app", filepath.FromSlash(stem), "route"+e)); err == nil {
					t.Errorf("%s is both in pages/api and in app/api", rel)
				}
			}
		}
		if d.Name() == "route.ts" || d.Name() == "route.js" {
			moved++
		}
		return nil
	})
	if moved == 0 {
		t.Error("no route was written before the interrupt")
	}
}

func tail(s string) string {
	if len(s) > 2000 {
		return "..." + s[len(s)-2000:]
	}
	return s
}

// TestInterruptInsideALargeRoute sends SIGINT while a 5 MB route, many
// seconds of work on its own, is being migrated by --write, and checks that
// the process exits within 2 s of the signal (a liveness bound, not a
// benchmark) with the summary line, and that nothing was written.
func TestInterruptInsideALargeRoute(t *testing.T) {
	if testing.Short() {
		t.Skip("migrates a 5 MB route")
	}
	large := corpus.LargeRoute(5 << 20)
	dir := project(t, map[string]string{"pages/api/large.ts": string(large)})
	cmd := exec.Command(bin, "--write", "--force", ".")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second) // the route is read, gated and parsed by now: its migration alone takes seconds
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(2 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("still running 2 s after SIGINT\n%s", tail(stderr.String()))
	}
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 2 {
		t.Fatalf("want exit 2 after SIGINT, got %v\n%s", err, tail(stderr.String()))
	}
	if n := strings.Count(stderr.String(), "interrupted"); n != 1 || !strings.Contains(stderr.String(), "; interrupted: 1 files not processed") {
		t.Errorf("want one summary line saying 1 file was not processed, got:\n%s", tail(stderr.String()))
	}
	if got, err := os.ReadFile(filepath.Join(dir, "pages/api/large.ts")); err != nil || !bytes.Equal(got, large) {
		t.Errorf("pages/api/large.ts changed or gone (%v)", err)
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && (d.Name() == "app" || strings.HasPrefix(d.Name(), ".routemod-")) {
			t.Errorf("written after the interrupt: %s", p)
		}
		return nil
	})
}

func TestSecondSignalExits(t *testing.T) {
	sig := make(chan os.Signal, 2)
	var cancelled, exited bool
	done := make(chan struct{})
	go func() {
		onSignals(sig, func() { cancelled = true }, func() { exited = true })
		close(done)
	}()
	sig <- syscall.SIGINT
	sig <- syscall.SIGINT
	<-done
	if !cancelled || !exited {
		t.Errorf("cancelled %v, exited %v; want both after two signals", cancelled, exited)
	}
}
