//go:build unix

package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// deps is the one npm ci of the e2e app's package.json and lock, shared by
// every test of the package (the apps hard-link it, the fixture type check
// reads it); TestMain removes it.
var deps struct {
	once sync.Once
	dir  string // the folder holding node_modules
	err  string // why the install failed
}

func TestMain(m *testing.M) {
	code := m.Run()
	if deps.dir != "" && os.Getenv("ROUTEMOD_E2E_KEEP") == "" {
		os.RemoveAll(deps.dir)
	}
	os.Exit(code)
}

// installDeps runs npm ci for e2e/app once and returns its node_modules.
func installDeps(t *testing.T, ctx context.Context, appDir string) string {
	t.Helper()
	deps.once.Do(func() {
		dir, err := os.MkdirTemp("", "routemod-e2e-deps-")
		if err != nil {
			deps.err = err.Error()
			return
		}
		deps.dir = dir
		for _, f := range []string{"package.json", "package-lock.json"} {
			if err := copyFileErr(filepath.Join(appDir, f), filepath.Join(dir, f)); err != nil {
				deps.err = err.Error()
				return
			}
		}
		t0 := time.Now()
		if out, err := command(ctx, dir, "npm", "ci", "--no-audit", "--no-fund").CombinedOutput(); err != nil {
			deps.err = "npm ci failed: " + err.Error() + "\n" + string(out)
			return
		}
		t.Logf("timing: npm ci %s", time.Since(t0).Round(time.Millisecond))
	})
	if deps.err != "" {
		t.Fatal(deps.err)
	}
	if os.Getenv("ROUTEMOD_E2E_KEEP") != "" {
		t.Logf("ROUTEMOD_E2E_KEEP: node_modules kept in %s", deps.dir)
	}
	return filepath.Join(deps.dir, "node_modules")
}

// needNode fails the test when node or npm is missing.
func needNode(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is required for the real-Next.js tests and is not on PATH: %v", tool, err)
		}
	}
}
