package transforms_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/transforms"
)

// FuzzMigrate checks, for any input: no panic (an internal error is a
// failure), an accepted input gives output esbuild accepts, and the same
// input always gives the same output. Seeds are every fixture and e2e route.
//
//	go test ./transforms -run '^$' -fuzz FuzzMigrate -fuzztime 60s
func FuzzMigrate(f *testing.F) {
	for _, root := range []string{"../fixtures", "../e2e/app/pages", "../example/pages"} {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.Contains(filepath.ToSlash(p), "/pages/api/") {
				return nil
			}
			if b, err := os.ReadFile(p); err == nil {
				f.Add(string(b), filepath.Ext(p) == ".ts")
			}
			return nil
		})
	}
	m, err := transforms.New(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string, ts bool) {
		p := codemod.NewParser()
		defer p.Close()
		rel := "pages/api/users/[id].js"
		if ts {
			rel = "pages/api/users/[id].ts"
		}
		r1 := codemod.MigrateSource(p, m, nil, rel, []byte(src), 16)
		for _, reason := range r1.Reasons {
			// A CommonJS handler becomes an ES module, where sloppy-mode
			// syntax (legacy octals, with) is an error: the output gate
			// reports that as it should. Anything else is a bug.
			cjs := strings.Contains(src, "module.exports") || strings.Contains(src, "exports.default")
			if strings.Contains(reason, "internal error") || strings.Contains(reason, "output of transform") && !cjs {
				t.Fatalf("%s\ninput:\n%s", reason, src)
			}
		}
		if out := r1.Output(); out != nil {
			if se := codemod.Gate(out, r1.NewPath); se != nil {
				t.Fatalf("output does not parse: %v\n%s", se, out)
			}
		}
		r2 := codemod.MigrateSource(p, m, nil, rel, []byte(src), 16)
		if r1.Status != r2.Status || !bytes.Equal(r1.Output(), r2.Output()) {
			t.Fatalf("two runs differ on the same input")
		}
	})
}
