package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/routemod/routemod/verify"
)

// TestVerifyRefuses: verify exits 2 with a reason, before building anything,
// when it cannot make the run. (The runs on real Next.js are in e2e.)
func TestVerifyRefuses(t *testing.T) {
	notGit := t.TempDir()
	noDeps := t.TempDir()
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}} {
		if out, err := exec.Command("git", append([]string{"-C", noDeps}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	os.WriteFile(filepath.Join(noDeps, "package.json"), []byte("{}\n"), 0o644)
	commit := exec.Command("git", "-C", noDeps, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qam", "x", "--allow-empty")
	if out, err := commit.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	reqs := filepath.Join(t.TempDir(), "r.json")
	os.WriteFile(reqs, []byte(`[{"method": "GET", "path": "api"}]`), 0o644)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"not in git", []string{"verify", notGit}, "not in a git work tree"},
		{"no dependencies", []string{"verify", noDeps}, "no node_modules and no lockfile"},
		{"no such ref", []string{"verify", "--base", "nope", noDeps}, "checking out nope"},
		{"bad requests file", []string{"verify", "--requests", reqs, noDeps}, `request 1: path "api"`},
		{"two folders", []string{"verify", noDeps, noDeps}, "one project folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(bin, tc.args...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != verify.ExitFailed {
				t.Errorf("exit %v, want %d", err, verify.ExitFailed)
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, stderr.String())
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout: %s", stdout.String())
			}
		})
	}
	if out, _ := exec.Command("git", "-C", noDeps, "worktree", "list").Output(); bytes.Count(out, []byte("\n")) != 1 {
		t.Errorf("worktrees left:\n%s", out)
	}
}
