package verify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/routemod/routemod/internal/treecopy"
)

// Project is a Next.js project in a git work tree, with the temporary trees
// verify builds from it. Nothing of the user's work tree is written: the
// trees are git worktrees (git worktree add --detach) or copies in a
// temporary folder, removed by Close.
type Project struct {
	Dir  string // the project, as given (absolute)
	repo string // the top of its git work tree
	rel  string // Dir relative to repo
	tmp  string // the temporary folder holding the trees

	mu    sync.Mutex
	trees []*Tree
}

// Tree is one version of the project checked out for building.
type Tree struct {
	Label string // "HEAD", a ref, or "work tree"
	Root  string // the top of the checkout
	Dir   string // the project inside it
	git   bool   // a git worktree, removed with git worktree remove

	// BuildTime and ReplayTime are the durations of its next build and of
	// its replay (start not included), once done.
	BuildTime, ReplayTime time.Duration
}

// Open finds the git work tree around dir.
func Open(ctx context.Context, dir string) (*Project, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if abs, err = filepath.EvalSymlinks(abs); err != nil {
		return nil, err
	}
	top, err := git(ctx, abs, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("%s is not in a git work tree (verify compares a git ref with the work tree): %w", dir, err)
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "routemod-verify-")
	if err != nil {
		return nil, err
	}
	return &Project{Dir: abs, repo: top, rel: rel, tmp: tmp}, nil
}

// Checkout makes a tree of ref (a commit, branch or tag) or, for ref "", of
// the work tree as it is now: tracked files and untracked files that are not
// ignored (deleted files stay deleted), without node_modules or .next.
func (p *Project) Checkout(ctx context.Context, ref string) (*Tree, error) {
	p.mu.Lock()
	root := filepath.Join(p.tmp, fmt.Sprintf("tree%d", len(p.trees)+1))
	t := &Tree{Label: ref, Root: root, Dir: filepath.Join(root, p.rel)}
	p.trees = append(p.trees, t)
	p.mu.Unlock()
	if ref == "" {
		t.Label = "work tree"
		if err := p.copyWorkTree(ctx, root); err != nil {
			return nil, err
		}
	} else {
		t.git = true
		if _, err := git(ctx, p.repo, "worktree", "add", "--detach", root, ref); err != nil {
			return nil, fmt.Errorf("checking out %s: %w", ref, err)
		}
	}
	if err := p.copyEnvFiles(t); err != nil {
		return nil, err
	}
	return t, nil
}

// copyWorkTree copies the files git ls-files lists (tracked, and untracked
// but not ignored) from the work tree to dst.
func (p *Project) copyWorkTree(ctx context.Context, dst string) error {
	out, err := git(ctx, p.repo, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	for _, rel := range strings.Split(out, "\x00") {
		if rel == "" || skipCopy(rel) {
			continue
		}
		src := filepath.Join(p.repo, filepath.FromSlash(rel))
		fi, err := os.Lstat(src)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue // deleted in the work tree
		case err != nil:
			return err
		case fi.IsDir():
			continue // a submodule: not copied
		}
		if err := treecopy.Copy(src, filepath.Join(dst, filepath.FromSlash(rel))); err != nil {
			return err
		}
	}
	return nil
}

// skipCopy reports whether a listed path is in a folder a build makes.
func skipCopy(rel string) bool {
	for _, s := range strings.Split(rel, "/") {
		if s == "node_modules" || s == ".next" {
			return true
		}
	}
	return false
}

// copyEnvFiles gives t the project's env files that its checkout lacks (they
// are usually ignored by git): both builds see the project's own.
func (p *Project) copyEnvFiles(t *Tree) error {
	names, _ := filepath.Glob(filepath.Join(p.Dir, ".env*"))
	for _, src := range names {
		dst := filepath.Join(t.Dir, filepath.Base(src))
		if fi, err := os.Stat(src); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if _, err := os.Lstat(dst); err == nil {
			continue
		}
		if err := treecopy.CopyFile(src, dst); err != nil {
			return err
		}
	}
	return nil
}

// Close removes every tree (git worktree remove --force for worktrees) and
// the temporary folder.
func (p *Project) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	var errs []error
	for _, t := range p.trees {
		if t.git {
			if _, err := git(context.Background(), p.repo, "worktree", "remove", "--force", t.Root); err != nil {
				errs = append(errs, err)
			}
		}
	}
	p.trees = nil
	if err := os.RemoveAll(p.tmp); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// git runs git in dir and returns its trimmed stdout.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimRight(stdout.String(), "\n"), nil
}
