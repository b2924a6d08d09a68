//go:build unix

package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/routemod/routemod/internal/nodetest"
	"github.com/routemod/routemod/verify"
)

// TestVerifyCommand runs the routemod binary's verify command on the example
// project, committed to a git repository in a temporary folder and migrated
// with routemod --write, with one route then mistranslated by hand: verify
// exits 1 and names that route and the difference. Before that, against a
// baseline that does not build, it exits 2 with the build's last lines. It
// writes nothing in the user's work tree and leaves no server running, also
// when interrupted during a build.
//
// The example's login.ts calls res.cookie, which NextApiResponse lacks, so
// next build's type check fails on it as it is (the exit-2 case); the commit
// verify compares with adds a next.config.js with
// typescript.ignoreBuildErrors. Its node_modules is the e2e app's install
// (the same next), hard-linked.
func TestVerifyCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and serves real Next.js apps; skipped with -short")
	}
	nodetest.NeedNode(t)
	e2eDir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	ctx := nodetest.Context(t)
	work := nodetest.WorkDir(t, "ROUTEMOD_E2E_KEEP")
	nodeModules := installDeps(t, ctx, filepath.Join(e2eDir, "app"))
	bin := buildRoutemod(t, ctx, filepath.Dir(e2eDir), work)

	repo := filepath.Join(work, "example")
	copyTree(t, filepath.Join(filepath.Dir(e2eDir), "example"), repo)
	git := func(args ...string) {
		t.Helper()
		run(t, ctx, repo, "git", append([]string{"-c", "user.name=e2e", "-c", "user.email=e2e@example.com"}, args...)...)
	}
	git("init", "-q")
	os.WriteFile(filepath.Join(repo, ".gitignore"), []byte("node_modules/\n.next/\n"), 0o644)
	git("add", "-A")
	git("commit", "-qm", "example")
	git("tag", "as-is")
	os.WriteFile(filepath.Join(repo, "next.config.js"), []byte("module.exports = { typescript: { ignoreBuildErrors: true } };\n"), 0o644)
	git("add", "-A")
	git("commit", "-qm", "build despite login.ts's type error")
	if err := nodetest.LinkTree(nodeModules, filepath.Join(repo, "node_modules")); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, repo, bin, "--write", ".")
	hello := filepath.Join(repo, "app", "api", "hello", "route.js")
	b, err := os.ReadFile(hello)
	if err != nil || !bytes.Contains(b, []byte(`"John Doe"`)) {
		t.Fatalf("routemod --write did not write %s with \"John Doe\": %v\n%s", hello, err, b)
	}
	os.WriteFile(hello, bytes.Replace(b, []byte(`"John Doe"`), []byte(`"John Roe"`), 1), 0o644)
	reqs := filepath.Join(work, "requests.json")
	os.WriteFile(reqs, []byte(`{"segments": {"id": "1"}, "requests": [
  {"method": "PUT", "path": "/api/users/1", "body": {"name": "Bo"}},
  {"method": "GET", "path": "/api/users/1"},
  {"name": "hello with a query", "method": "GET", "path": "/api/hello?q=x"}
]}`), 0o644)

	status := gitOut(t, repo, "status", "--porcelain", "--ignored")
	tmp := t.TempDir() // verify's temporary trees, to look for processes left in them
	var checkClean func(t *testing.T)
	verifyRun := func(args ...string) (int, string, string) {
		t.Helper()
		cmd := nodetest.Command(ctx, repo, bin, append([]string{"verify"}, args...)...)
		cmd.Env = append(cmd.Env, "TMPDIR="+tmp)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		t.Logf("routemod verify %s: exit %d\nstderr:\n%s", strings.Join(args, " "), code, stderr.String())
		checkClean(t)
		return code, stdout.String(), stderr.String()
	}
	checkClean = func(t *testing.T) {
		t.Helper()
		if left := processesUnder(tmp); len(left) > 0 {
			t.Errorf("processes left running in verify's trees: %v", left)
		}
		if got := gitOut(t, repo, "status", "--porcelain", "--ignored"); got != status {
			t.Errorf("verify changed the work tree:\nbefore\n%s\nafter\n%s", status, got)
		}
		if got := gitOut(t, repo, "worktree", "list"); strings.Contains(got, "\n") {
			t.Errorf("worktrees left:\n%s", got)
		}
		if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
			t.Errorf("temporary files left: %v", entries)
		}
	}

	t.Run("interrupted", func(t *testing.T) {
		cmd := nodetest.Command(ctx, repo, bin, "verify", ".")
		cmd.Env = append(cmd.Env, "TMPDIR="+tmp)
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var seen strings.Builder
		lines := bufio.NewScanner(stderr)
		for lines.Scan() {
			seen.WriteString(lines.Text() + "\n")
			if strings.Contains(lines.Text(), "next build of the baseline (HEAD)...") {
				break
			}
		}
		time.Sleep(2 * time.Second) // next build is under way
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		for lines.Scan() {
			seen.WriteString(lines.Text() + "\n")
		}
		err = cmd.Wait()
		if ee := (*exec.ExitError)(nil); !errors.As(err, &ee) || ee.ExitCode() != verify.ExitFailed {
			t.Errorf("exit %v, want %d", err, verify.ExitFailed)
		}
		if !strings.Contains(seen.String(), "interrupted; servers stopped, temporary trees removed") {
			t.Errorf("stderr:\n%s", seen.String())
		}
		checkClean(t)
	})

	t.Run("baseline-does-not-build", func(t *testing.T) {
		code, _, stderr := verifyRun("--base", "as-is", ".")
		if code != verify.ExitFailed {
			t.Errorf("exit %d, want %d", code, verify.ExitFailed)
		}
		for _, want := range []string{"next build of the baseline (as-is) failed", "pages/api/login.ts", "Property 'cookie'"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr does not say %q", want)
			}
		}
	})

	t.Run("mistranslated", func(t *testing.T) {
		code, stdout, stderr := verifyRun("--json", "--requests", reqs, ".")
		if code != verify.ExitUnexpected {
			t.Errorf("exit %d, want %d", code, verify.ExitUnexpected)
		}
		var rep verify.Report
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatalf("no JSON report: %v\n%s", err, stdout)
		}
		for _, rr := range rep.Routes {
			t.Logf("%-20s %d %s", rr.Route, rr.Requests, rr.Result())
			if (rr.Route == "/api/hello") != (rr.Class == verify.Unexpected) {
				t.Errorf("route %s: %s", rr.Route, rr.Result())
			}
		}
		routes := map[string]bool{}
		for _, rr := range rep.Routes {
			routes[rr.Route] = rr.Migrated
		}
		for _, r := range []string{"/api/hello", "/api/login", "/api/users/[id]"} {
			if !routes[r] {
				t.Errorf("route %s, which routemod migrates, is not in the report", r)
			}
		}
		// A GET and a HEAD per migrated route, then the file's three; GET
		// /api/hello, generated and from the file, is unexpected.
		s := rep.Summary
		if s.Requests != 2*s.Routes+3 || s.Unexpected != 2 {
			t.Errorf("summary %+v: want 2 requests per route and 3 from the file, 2 unexpected (GET /api/hello twice)", s)
		}
		for _, x := range rep.Exchanges {
			if x.Class == verify.Unexpected && !strings.Contains(x.Diff, `+ {"name":"John Roe"`) {
				t.Errorf("%s: the diff does not show the change:\n%s", x.Request.Label(), x.Diff)
			}
		}
		if !strings.Contains(stderr, fmt.Sprintf("verify FAILED: %d routes, %d requests", s.Routes, s.Requests)) {
			t.Errorf("stderr has no summary line")
		}
	})
}

func gitOut(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).Output()
	if err != nil {
		t.Fatalf("git %v: %v", args, err)
	}
	return strings.TrimSpace(string(out))
}

// processesUnder lists the processes whose working folder is under dir.
func processesUnder(dir string) []string {
	var out []string
	procs, _ := filepath.Glob("/proc/[0-9]*/cwd")
	for _, p := range procs {
		if cwd, err := os.Readlink(p); err == nil && strings.HasPrefix(cwd, dir) {
			cmdline, _ := os.ReadFile(filepath.Join(filepath.Dir(p), "cmdline"))
			out = append(out, filepath.Base(filepath.Dir(p))+": "+strings.ReplaceAll(string(cmdline), "\x00", " "))
		}
	}
	return out
}
