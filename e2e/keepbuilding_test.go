//go:build unix

package e2e

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/routemod/routemod/internal/nodetest"
)

// TestFixturesKeepBuilding proves, on every fixture where routes stay in
// pages/api, that a --write without --include-todo leaves a project that
// type-checks wherever its input did (issue 14: a project that built
// before --write builds after it). The fixture's input tree and its
// output tree (what that --write leaves) are checked as two programs with
// typecheck.mjs; an error in the output fails unless its input has the same
// error in the same file (a route that stays, or a file routemod did not
// touch). Only TypeScript files count: next build
// does not type-check JavaScript unless the project asks for checkJs, and
// no fixture does. Fixtures without a todo tree need no separate check:
// their output is the tree TestFixtureTypes checks.
func TestFixturesKeepBuilding(t *testing.T) {
	if testing.Short() {
		t.Skip("installs next from the npm registry; skipped with -short")
	}
	nodetest.NeedNode(t)
	e2eDir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	ctx := nodetest.Context(t)
	nodeModules := installDeps(t, ctx, filepath.Join(e2eDir, "app"))
	fixtures := filepath.Join(filepath.Dir(e2eDir), "fixtures")
	dir := nodetest.WorkDir(t, "ROUTEMOD_E2E_KEEP")

	cases, err := os.ReadDir(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cases {
		if _, err := os.Stat(filepath.Join(fixtures, c.Name(), "todo")); err != nil {
			continue
		}
		if !forNext16(filepath.Join(fixtures, c.Name())) {
			continue // written for another Next.js major
		}
		copyTree(t, filepath.Join(fixtures, c.Name(), "input"), filepath.Join(dir, c.Name()+"@input"))
		copyTree(t, filepath.Join(fixtures, c.Name(), "output"), filepath.Join(dir, c.Name()))
		names = append(names, c.Name())
	}
	if len(names) == 0 {
		t.Fatal("no fixture keeps a route in pages/api")
	}
	type key struct{ fixture, file, code, message string }
	before := map[key]bool{}
	var after []typeError
	for _, e := range runTypecheck(t, ctx, e2eDir, dir, nodeModules) {
		switch ext := path.Ext(e.File); {
		case e.MissingPackage, ext != ".ts" && ext != ".tsx":
		case strings.HasSuffix(e.Fixture, "@input"):
			before[key{strings.TrimSuffix(e.Fixture, "@input"), e.File, e.Code, e.Message}] = true
		default:
			after = append(after, e)
		}
	}
	var failures []string
	for _, e := range after {
		if !before[key{e.Fixture, e.File, e.Code, e.Message}] {
			failures = append(failures, e.String())
		}
	}
	if len(failures) > 0 {
		t.Errorf("the tree --write leaves without --include-todo does not type-check where its input did:\n%s", strings.Join(failures, "\n"))
	}
	t.Logf("type-checked the input and default output trees of %d fixtures that keep routes in pages/api", len(names))
}
