//go:build unix

package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/routemod/routemod/internal/nodetest"
)

// typeError is one diagnostic of typecheck.mjs.
type typeError = nodetest.TypeError

// TestFixtureTypes type-checks every file of every golden fixture's output
// (routes, re-pointed importers, helpers, pages: every .ts, .tsx, .js, .jsx,
// .mjs and .cjs, JavaScript with checkJs; see checkTree for the
// needs-review routes kept in pages/api) against the real next 16,
// typescript and @types/* packages the e2e app installs from the npm
// registry, one TypeScript program per fixture (e2e/typecheck.mjs). A
// fixture's own tsconfig.json (paths, baseUrl, noUnusedLocals, strict, ...)
// is honoured over the defaults of a Next.js 16 project (strict off,
// strictNullChecks on). Fixtures written for another Next.js major
// (args.txt --next-version) are left out.
//
// An error fails the test with its file, line and message unless
//   - its line is marked TODO(routemod): a line containing the marker (the
//     marker comment itself, or code with a trailing marker), or a line of
//     the node the marker comment leads (the statement — or class member,
//     property, argument — that starts at the first token after the
//     comment), from the comment down to the opening brace of that node's
//     first block: a marker above `if (x) {` or `function h() {` covers the
//     condition or signature, never the body;
//   - it is a TS2307 for a bare package that neither the fixture (tsconfig
//     paths) nor the e2e app provides (a third-party library).
//
// There is no list of accepted errors: an error on an unmarked line is a
// bug of the translation, fixed or marked there.
func TestFixtureTypes(t *testing.T) {
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
	n := 0
	for _, c := range cases {
		out := filepath.Join(fixtures, c.Name(), "output")
		if _, err := os.Stat(out); err != nil {
			continue
		}
		if !forNext16(filepath.Join(fixtures, c.Name())) {
			continue // written for another Next.js major (sync cookies(), params)
		}
		checkTree(t, filepath.Join(fixtures, c.Name()), filepath.Join(dir, c.Name()))
		n++
	}
	if n == 0 {
		t.Fatal("no fixture outputs")
	}
	var failures []string
	marked := 0
	for _, e := range runTypecheck(t, ctx, e2eDir, dir, nodeModules) {
		if e.Marked {
			marked++
			continue
		}
		if e.MissingPackage {
			continue
		}
		failures = append(failures, e.String())
	}
	if len(failures) > 0 {
		t.Errorf("fixture outputs do not type-check against next 16 on lines not marked TODO(routemod):\n%s", strings.Join(failures, "\n"))
	}
	t.Logf("type-checked the output trees of %d fixtures; %d errors on marked lines", n, marked)
}

// checkTree lays out at dst the project a fixture's migration writes with
// --include-todo: its output tree, the needs-review routes and what follows
// them from its todo tree over it, and without the pages/api files the
// report says were kept (they move with --include-todo). So every file
// routemod writes is checked, the marked ones included, in the project it
// writes them into.
func checkTree(t *testing.T, fixture, dst string) {
	t.Helper()
	copyTree(t, filepath.Join(fixture, "output"), dst)
	// the fixture's stub packages (the version its library rows read, and
	// the types of that version where it ships them) come along: they win
	// over the e2e app's version of the same package
	stubs := filepath.Join(fixture, "output", "node_modules")
	filepath.WalkDir(stubs, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(filepath.Join(fixture, "output"), p)
		if err := nodetest.CopyFile(p, filepath.Join(dst, rel)); err != nil {
			t.Fatal(err)
		}
		return nil
	})
	if _, err := os.Stat(filepath.Join(fixture, "todo")); err == nil {
		copyTree(t, filepath.Join(fixture, "todo"), dst)
	}
	b, err := os.ReadFile(filepath.Join(fixture, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var report struct {
		Files []struct {
			Path string `json:"path"`
			Kept bool   `json:"kept"`
		} `json:"files"`
	}
	if err := json.Unmarshal(b, &report); err != nil {
		t.Fatalf("%s/report.json: %v", fixture, err)
	}
	for _, f := range report.Files {
		if f.Kept {
			if err := os.Remove(filepath.Join(dst, filepath.FromSlash(f.Path))); err != nil {
				t.Fatalf("%s: a kept route is not in the output tree: %v", fixture, err)
			}
		}
	}
}

// forNext16 reports whether a fixture is written for Next.js 16: its
// args.txt names no other --next-version.
func forNext16(fixture string) bool {
	args, _ := os.ReadFile(filepath.Join(fixture, "args.txt"))
	return !strings.Contains(string(args), "--next-version=") || strings.Contains(string(args), "--next-version=16")
}

// runTypecheck links the e2e app's node_modules into dir and runs
// typecheck.mjs over the fixture trees there.
func runTypecheck(t *testing.T, ctx context.Context, e2eDir, dir, nodeModules string) []typeError {
	t.Helper()
	errs, err := nodetest.Typecheck(ctx, filepath.Join(e2eDir, "typecheck.mjs"), dir, nodeModules)
	if err != nil {
		t.Fatal(err)
	}
	return errs
}
