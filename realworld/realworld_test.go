//go:build unix

// Package realworld judges routemod on a whole project: app/, 70 API routes
// written the way real projects write them (helpers and wrappers in lib/,
// @/ aliases, next-auth, iron-session, zod). See README.md.
package realworld

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/routemod/routemod/internal/nodetest"
)

// keep names the environment variable that keeps the work folder and the
// installed node_modules.
const keep = "ROUTEMOD_REALWORLD_KEEP"

// known lists the errors routemod leaves today on lines no TODO(routemod)
// marks, each a defect named in realworld/README.md, with the exact error,
// in the --write tree or the --include-todo one (which of the two changes as
// routes go from needs-review to migrated). Any other such error fails the
// test, and so does an entry that matches no error any more: remove it with
// the fix.
var known = []nodetest.TypeError{}

// TestRealworld type-checks app/ with the real next 16, typescript and
// @types/* packages of its package-lock.json (tsc --noEmit as the project
// configures it, and e2e/typecheck.mjs over every file with checkJs: both
// must find no error), migrates one copy with routemod --write and another
// with --write --include-todo, type-checks both with typecheck.mjs, and
// fails on an error on a line that no TODO(routemod) marks (the marked-line
// notion of typecheck.mjs) unless known lists it. Then next build must
// succeed on the --write copy. It logs the routes migrated, needs-review,
// kept and skipped, and the errors on marked lines; it asserts no count:
// they change as routemod learns.
func TestRealworld(t *testing.T) {
	if testing.Short() {
		t.Skip("installs next from the npm registry; skipped with -short")
	}
	nodetest.NeedNode(t)
	here, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	appDir := filepath.Join(here, "app")
	moduleRoot := filepath.Dir(here)
	ctx := nodetest.Context(t)
	work := nodetest.WorkDir(t, keep)

	t0 := time.Now()
	deps, err := nodetest.Install(ctx, appDir, "routemod-realworld-deps-")
	if deps != "" && os.Getenv(keep) == "" {
		defer os.RemoveAll(deps)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("timing: npm ci %s", time.Since(t0).Round(time.Millisecond))
	nodeModules := filepath.Join(deps, "node_modules")

	bin := filepath.Join(work, "routemod")
	if out, err := nodetest.Command(ctx, moduleRoot, "go", "build", "-o", bin, "./cmd/routemod").CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/routemod failed: %v\n%s", err, out)
	}

	// One folder per tree, as typecheck.mjs takes them: the project as it
	// is, after --write, after --write --include-todo.
	root := filepath.Join(work, "check")
	trees := map[string][]string{
		"before": nil,
		"write":  {"--write"},
		"todo":   {"--write", "--include-todo"},
	}
	for name, flags := range trees {
		if err := nodetest.CopyTree(appDir, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
		if flags != nil {
			logReport(t, name, migrate(t, ctx, bin, filepath.Join(root, name), flags))
		}
	}
	errs, err := nodetest.Typecheck(ctx, filepath.Join(moduleRoot, "e2e", "typecheck.mjs"), root, nodeModules)
	if err != nil {
		t.Fatal(err)
	}

	// tsc as the project runs it (its tsconfig: no checkJs); root's
	// node_modules link serves it.
	tsc := filepath.Join(nodeModules, "typescript", "bin", "tsc")
	if out, err := nodetest.Command(ctx, filepath.Join(root, "before"), "node", tsc, "--noEmit", "-p", ".").CombinedOutput(); err != nil {
		t.Errorf("tsc --noEmit on the project before migration: %v\n%s", err, out)
	}

	used := make([]bool, len(known))
	marked := map[string]int{}
	var failures []string
	for _, e := range errs {
		switch {
		case e.Fixture == "before":
			failures = append(failures, "the project itself: "+e.String())
		case e.Marked:
			marked[e.Fixture]++
		default:
			allowed := false
			for i, k := range known {
				if k.Fixture = e.Fixture; k.Matches(e) {
					used[i], allowed = true, true
				}
			}
			if !allowed {
				failures = append(failures, e.String())
			}
		}
	}
	for i, k := range known {
		if !used[i] {
			failures = append(failures, "known entry matches no error any more (remove it): "+k.String())
		}
	}
	t.Logf("errors on lines marked TODO(routemod): --write %d, --write --include-todo %d", marked["write"], marked["todo"])
	if len(failures) > 0 {
		t.Errorf("new type errors on lines no TODO(routemod) marks (before: the project must type-check as it is):\n%s", strings.Join(failures, "\n"))
	}

	// The tree --write leaves builds (the incremental default: the routes
	// that stay in pages/api keep building beside app/).
	build := filepath.Join(work, "build")
	if err := nodetest.CopyTree(filepath.Join(root, "write"), build); err != nil {
		t.Fatal(err)
	}
	if err := nodetest.LinkTree(nodeModules, filepath.Join(build, "node_modules")); err != nil {
		t.Fatal(err)
	}
	t0 = time.Now()
	next := filepath.Join(build, "node_modules", "next", "dist", "bin", "next")
	if out, err := nodetest.Command(ctx, build, "node", next, "build").CombinedOutput(); err != nil {
		t.Errorf("next build after routemod --write failed: %v\n%s", err, out)
	}
	t.Logf("timing: next build after --write %s", time.Since(t0).Round(time.Millisecond))

}

// report is what the test reads of routemod's --json report.
type report struct {
	Files []struct {
		Path   string `json:"path"`
		Kind   string `json:"kind"`
		Status string `json:"status"`
		Kept   bool   `json:"kept"`
		Todos  []struct {
			Line int `json:"line"`
		} `json:"todos"`
	} `json:"files"`
	Summary map[string]int `json:"summary"`
}

// migrate runs routemod with flags and --json on the project at dir.
func migrate(t *testing.T, ctx context.Context, bin, dir string, flags []string) report {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := nodetest.Command(ctx, dir, bin, append(flags, "--json", dir)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Errorf("routemod %s: %v\n%s", strings.Join(flags, " "), err, stderr.String())
	}
	var rep report
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("routemod %s printed no JSON report: %v\n%s", strings.Join(flags, " "), err, stderr.String())
	}
	return rep
}

// logReport logs a run's route counts, by status, and its TODOs.
func logReport(t *testing.T, name string, rep report) {
	t.Helper()
	routes, todos := 0, 0
	for _, f := range rep.Files {
		if f.Kind == "route" {
			routes++
			todos += len(f.Todos)
		}
	}
	s := rep.Summary
	t.Logf("%s: %d routes: %d migrated fully, %d needs-review (%d kept in pages/api), %d skipped, %d unchanged, %d error; %d TODOs; %d importers re-pointed",
		name, routes, s["migrated"], s["needs-review"], s["kept"], s["skipped"], s["unchanged"], s["error"], todos, s["importer"])
	if s["error"] > 0 {
		t.Errorf("%s: routemod reported %d files in error", name, s["error"])
	}
}
