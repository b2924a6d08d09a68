package transforms

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/routemod/routemod/libraries"
	"github.com/routemod/routemod/project"
)

// TestNamedBeforeScan checks rewriteLibraries' shortcut over every fixture
// file: a file of which libraries.Named is false has no import that
// libraryImports finds in its scan, and the files that do have one are
// Named (the library fixtures).
func TestNamedBeforeScan(t *testing.T) {
	var files []string
	err := filepath.WalkDir("../fixtures", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(p, "/input/") && (strings.HasSuffix(p, ".ts") || strings.HasSuffix(p, ".js")) {
			files = append(files, p)
		}
		return err
	})
	if err != nil || len(files) < 100 {
		t.Fatalf("fixture files: %v (%d)", err, len(files))
	}
	found := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		bound := libraryImports(project.Scan(src))
		if len(bound) > 0 {
			found++
		}
		if len(bound) > 0 && !libraries.Named(src) {
			t.Errorf("%s imports %v from the library table, but Named is false", f, bound)
		}
	}
	if found < 10 {
		t.Errorf("only %d fixture files import a library of the table", found)
	}
}
