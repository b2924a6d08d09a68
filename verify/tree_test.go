package verify

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func gitT(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		return "<missing>"
	}
	return string(b)
}

// TestCheckout: the baseline is the ref, the candidate the work tree as it
// is (tracked and untracked files, not ignored ones, not deleted ones), the
// env files are the project's in both, the user's work tree and its
// worktree list are left as they were.
func TestCheckout(t *testing.T) {
	repo := t.TempDir()
	gitT(t, repo, "init", "-q")
	proj := filepath.Join(repo, "web")
	for name, text := range map[string]string{
		".gitignore":              "node_modules/\n.env.local\nignored.txt\n",
		"web/package.json":        "{}\n",
		"web/pages/api/a.ts":      "a\n",
		"web/pages/api/gone.ts":   "gone\n",
		"web/lib/x.ts":            "old\n",
		"web/node_modules/n/i.js": "dep\n",
	} {
		p := filepath.Join(repo, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitT(t, repo, "add", "-A")
	gitT(t, repo, "commit", "-qm", "base")
	// The migration, uncommitted.
	os.Remove(filepath.Join(proj, "pages/api/gone.ts"))
	os.WriteFile(filepath.Join(proj, "lib/x.ts"), []byte("new\n"), 0o644)
	os.MkdirAll(filepath.Join(proj, "app/api/a"), 0o755)
	os.WriteFile(filepath.Join(proj, "app/api/a/route.ts"), []byte("route\n"), 0o644)
	os.WriteFile(filepath.Join(proj, "ignored.txt"), []byte("i\n"), 0o644)
	os.WriteFile(filepath.Join(proj, ".env.local"), []byte("SECRET=1\n"), 0o644)
	status := gitT(t, repo, "status", "--porcelain", "--ignored")

	ctx := context.Background()
	p, err := Open(ctx, proj)
	if err != nil {
		t.Fatal(err)
	}
	base, err := p.Checkout(ctx, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	cand, err := p.Checkout(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		tree *Tree
		file string
		want string
	}{
		{base, "pages/api/gone.ts", "gone\n"},
		{base, "lib/x.ts", "old\n"},
		{base, "app/api/a/route.ts", "<missing>"},
		{base, ".env.local", "SECRET=1\n"},
		{cand, "pages/api/gone.ts", "<missing>"},
		{cand, "pages/api/a.ts", "a\n"},
		{cand, "lib/x.ts", "new\n"},
		{cand, "app/api/a/route.ts", "route\n"},
		{cand, "ignored.txt", "<missing>"},
		{cand, ".env.local", "SECRET=1\n"},
		{cand, "node_modules/n/i.js", "<missing>"}, // Deps links it
	} {
		if got := read(t, filepath.Join(c.tree.Dir, c.file)); got != c.want {
			t.Errorf("%s: %s = %q, want %q", c.tree.Label, c.file, got, c.want)
		}
	}
	if how, err := p.Deps(ctx, cand); err != nil || how != "node_modules linked" {
		t.Errorf("Deps = %q, %v", how, err)
	}
	if got := read(t, filepath.Join(cand.Dir, "node_modules/n/i.js")); got != "dep\n" {
		t.Errorf("node_modules not linked: %q", got)
	}
	if n := len(strings.Split(gitT(t, repo, "worktree", "list"), "\n")); n != 2 {
		t.Errorf("git worktree list has %d entries while open, want 2", n)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(base.Root); !os.IsNotExist(err) {
		t.Errorf("tree %s left after Close: %v", base.Root, err)
	}
	if got := gitT(t, repo, "worktree", "list"); strings.Contains(got, "\n") {
		t.Errorf("worktrees left after Close:\n%s", got)
	}
	if got := gitT(t, repo, "status", "--porcelain", "--ignored"); got != status {
		t.Errorf("the work tree changed:\nbefore\n%s\nafter\n%s", status, got)
	}
}

// TestDepsFromLockfile: without node_modules the lockfile names the
// package manager; without either, verify says so.
func TestDepsFromLockfile(t *testing.T) {
	repo := t.TempDir()
	gitT(t, repo, "init", "-q")
	os.WriteFile(filepath.Join(repo, "package.json"), []byte("{}\n"), 0o644)
	gitT(t, repo, "add", "-A")
	gitT(t, repo, "commit", "-qm", "base")
	ctx := context.Background()
	p, err := Open(ctx, repo)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	tr, err := p.Checkout(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Deps(ctx, tr); err == nil || !strings.Contains(err.Error(), "no node_modules and no lockfile") {
		t.Errorf("Deps with neither: %v", err)
	}
	if _, err := Open(ctx, t.TempDir()); err == nil || !strings.Contains(err.Error(), "not in a git work tree") {
		t.Errorf("Open outside git: %v", err)
	}
}
