package codemod

import (
	"bytes"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// stubMigrator marks every route with a comment, enough to drive the engine.
type stubMigrator struct{ noProject }

// noProject gives a test migrator the project steps, doing nothing.
type noProject struct{}

func (noProject) Prepare(*Project, iter.Seq[Source])      {}
func (noProject) ImportersOf(*Project, string) []Importer { return nil }
func (noProject) Repoint(*File, map[string]string)        {}

func (stubMigrator) Migrate(f *File) { f.Insert(0, "// migrated\n") }

func writeRoutes(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		p := filepath.Join(dir, "pages", "api", fmt.Sprintf("g%02d", i%7), fmt.Sprintf("r%04d.ts", i))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(fmt.Sprintf("export default function h(req, res) { res.json(%d) }\n", i)), 0o644)
	}
	return dir
}

func TestRunOutputOrderIsDeterministic(t *testing.T) {
	dir := writeRoutes(t, 120)
	var first string
	for _, jobs := range []int{1, 2, 4} {
		var out, errOut bytes.Buffer
		if code := Run(Options{Paths: []string{dir}, Jobs: jobs, Migrator: stubMigrator{}, Stdout: &out, Stderr: &errOut}); code != ExitOK {
			t.Fatalf("jobs=%d: exit %d: %s", jobs, code, errOut.String())
		}
		if first == "" {
			first = out.String()
			if strings.Count(first, "diff --git") != 120 {
				t.Fatalf("want 120 diffs, got %d", strings.Count(first, "diff --git"))
			}
		} else if out.String() != first {
			t.Errorf("jobs=%d: output differs from jobs=1", jobs)
		}
	}
}

func TestRunProgressLine(t *testing.T) {
	dir := writeRoutes(t, 250)
	var out, errOut bytes.Buffer
	Run(Options{Paths: []string{dir}, List: true, Progress: true, Migrator: stubMigrator{}, Stdout: &out, Stderr: &errOut})
	if !strings.Contains(errOut.String(), "/250 files") || !strings.Contains(errOut.String(), "\r") {
		t.Errorf("no progress line on a long run: %q", errOut.String())
	}
	errOut.Reset()
	out.Reset()
	Run(Options{Paths: []string{dir}, JSON: true, Progress: true, Migrator: stubMigrator{}, Stdout: &out, Stderr: &errOut})
	if strings.Contains(errOut.String(), "/250 files") {
		t.Errorf("progress line with --json: %q", errOut.String())
	}
	errOut.Reset()
	Run(Options{Paths: []string{writeRoutes(t, 10)}, List: true, Progress: true, Migrator: stubMigrator{}, Stdout: &out, Stderr: &errOut})
	if strings.Contains(errOut.String(), "files ") && strings.Contains(errOut.String(), "\r[") {
		t.Errorf("progress line on a short run: %q", errOut.String())
	}
}

func (noProject) Settle(*Project, func(string) bool) ([]string, []*ProjectChange) { return nil, nil }
