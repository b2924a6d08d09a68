//go:build unix

package e2e

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/routemod/routemod/internal/nodetest"
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
		t0 := time.Now()
		dir, err := nodetest.Install(ctx, appDir, "routemod-e2e-deps-")
		deps.dir = dir
		if err != nil {
			deps.err = err.Error()
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
