//go:build unix

// Package nodetest holds what the tests that run real Node.js projects share
// (e2e's differential app, the fixture type checks, realworld's project): the
// npm install, the commands, the tree copies and the type check of
// e2e/typecheck.mjs with its notion of a line marked TODO(routemod).
package nodetest

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/routemod/routemod/internal/treecopy"
)

// NeedNode fails the test when node or npm is missing.
func NeedNode(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is required for the real-Next.js tests and is not on PATH: %v", tool, err)
		}
	}
}

// Context ends 30 seconds before the test's deadline.
func Context(t *testing.T) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	if dl, ok := t.Deadline(); ok {
		ctx, cancel = context.WithDeadline(context.Background(), dl.Add(-30*time.Second))
	}
	t.Cleanup(cancel)
	return ctx
}

// WorkDir is a fresh temporary folder, removed at the end unless the
// environment variable keep is set (then its path is logged).
func WorkDir(t *testing.T, keep string) string {
	if os.Getenv(keep) == "" {
		return t.TempDir()
	}
	dir, err := os.MkdirTemp("", "routemod-e2e-")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: work folder kept at %s", keep, dir)
	return dir
}

// Env is the environment of every Node.js command: no telemetry, no update
// notifier, no colour, NODE_ENV left to the tool.
func Env() []string {
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "NODE_ENV=") || strings.HasPrefix(kv, "NEXT_TELEMETRY_DISABLED=") ||
			strings.HasPrefix(kv, "NO_COLOR=") || strings.HasPrefix(kv, "FORCE_COLOR=")
	})
	return append(env, "NEXT_TELEMETRY_DISABLED=1", "npm_config_update_notifier=false", "NO_COLOR=1", "FORCE_COLOR=0")
}

// Command runs in its own process group, killed whole when ctx ends.
func Command(ctx context.Context, dir, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = Env()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	return cmd
}

// Install runs npm ci for the package.json and package-lock.json of appDir
// in a new temporary folder named after prefix, and returns that folder
// (holding node_modules); the caller removes it.
func Install(ctx context.Context, appDir, prefix string) (string, error) {
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		return "", err
	}
	for _, f := range []string{"package.json", "package-lock.json"} {
		if err := CopyFile(filepath.Join(appDir, f), filepath.Join(dir, f)); err != nil {
			return dir, err
		}
	}
	if out, err := Command(ctx, dir, "npm", "ci", "--no-audit", "--no-fund").CombinedOutput(); err != nil {
		return dir, fmt.Errorf("npm ci failed: %v\n%s", err, out)
	}
	return dir, nil
}

// CopyTree copies the sources under src to dst: not node_modules, .next or
// TypeScript build caches.
func CopyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		name := d.Name()
		if d.IsDir() && (name == "node_modules" || name == ".next") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(name, ".tsbuildinfo") {
			return nil
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		return CopyFile(p, target)
	})
}

// LinkTree is treecopy.Link: src recreated at dst with hard links.
func LinkTree(src, dst string) error { return treecopy.Link(src, dst) }

// CopyFile is treecopy.CopyFile.
func CopyFile(src, dst string) error { return treecopy.CopyFile(src, dst) }
