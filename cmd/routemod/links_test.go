//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func symlink(t *testing.T, target, link string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(link), 0o755)
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// TestNamedFilesFollowDiscovery: a file named on the command line that
// discovery would leave out (a link out of the root, a file under
// node_modules, an extension pageExtensions excludes) is skipped with the
// reason, and nothing is written.
func TestNamedFilesFollowDiscovery(t *testing.T) {
	elsewhere := project(t, map[string]string{"ext.ts": hello})
	dir := project(t, map[string]string{
		"pages/api/node_modules/pkg/x.ts": hello,
		"pages/api/ok.js":                 hello,
	})
	symlink(t, filepath.Join(elsewhere, "ext.ts"), filepath.Join(dir, "pages/api/link.ts"))
	before, outBefore := snapshot(t, dir), snapshot(t, elsewhere)
	_, errOut, code := routemod(t, dir, "--write", "pages/api/link.ts", "pages/api/node_modules/pkg/x.ts")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"\npages/api/link.ts: skipped: a symbolic link to " + filepath.Join(realPath(t, elsewhere), "ext.ts") + ", outside the project root",
		"\npages/api/node_modules/pkg/x.ts: skipped: in node_modules",
	} {
		if !strings.Contains("\n"+errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !equal(before, snapshot(t, dir)) || !equal(outBefore, snapshot(t, elsewhere)) {
		t.Error("files were written")
	}
	if fi, err := os.Lstat(filepath.Join(dir, "pages/api/link.ts")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}

	exts := project(t, map[string]string{
		"next.config.js":         "module.exports = { pageExtensions: [\"page.ts\"] };\n",
		"pages/api/plain.ts":     hello,
		"pages/api/real.page.ts": hello,
	})
	before = snapshot(t, exts)
	_, errOut, code = routemod(t, exts, "--write", "pages/api/plain.ts")
	if code != 0 || !strings.Contains(errOut, "pages/api/plain.ts: skipped: not a route: its extension is not one of the pageExtensions (page.ts)") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if !equal(before, snapshot(t, exts)) {
		t.Error("files were written")
	}
}

// TestNoWriteThroughLinks: a target folder, tsconfig.json or an importer
// whose real location is outside the root is never written; each is
// reported.
func TestNoWriteThroughLinks(t *testing.T) {
	elsewhere := project(t, map[string]string{
		"tsconfig.json":  "{\n  \"compilerOptions\": {\n    \"strict\": false\n  }\n}\n",
		"users.ts":       "import handler from \"../pages/api/hello\";\nexport const h = handler;\n",
		"app/keep.txt":   "x\n",
		"x/keep.txt":     "x\n",
		"api/keep.txt":   "x\n",
		"other/keep.txt": "x\n",
	})
	// app itself is a link out of the root.
	dir := project(t, map[string]string{"pages/api/hello.js": hello})
	symlink(t, filepath.Join(elsewhere, "app"), filepath.Join(dir, "app"))
	// app/api is a link out; app/api/x is a link out; tsconfig.json and an importer are links out.
	dir2 := project(t, map[string]string{"pages/api/hello.js": hello, "pages/api/x.js": hello})
	symlink(t, filepath.Join(elsewhere, "x"), filepath.Join(dir2, "app/api/x"))
	symlink(t, filepath.Join(elsewhere, "tsconfig.json"), filepath.Join(dir2, "tsconfig.json"))
	symlink(t, filepath.Join(elsewhere, "users.ts"), filepath.Join(dir2, "lib/users.ts"))
	dir3 := project(t, map[string]string{"pages/api/hello.js": hello})
	symlink(t, filepath.Join(elsewhere, "api"), filepath.Join(dir3, "app/api"))
	outBefore := snapshot(t, elsewhere)
	real := realPath(t, elsewhere)
	for _, tc := range []struct {
		dir  string
		want []string
	}{
		{dir, []string{"pages/api/hello.js: skipped: app/api/hello/route.js resolves outside the project root (to " + filepath.Join(real, "app") + "); nothing written"}},
		{dir2, []string{
			"pages/api/x.js: skipped: app/api/x/route.js resolves outside the project root (to " + filepath.Join(real, "x") + "); nothing written",
			"pages/api/hello.js -> app/api/hello/route.js (migrated)",
			"tsconfig.json: skipped: tsconfig.json resolves outside the project root (to " + filepath.Join(real, "tsconfig.json") + ")",
			"lib/users.ts: skipped: a symbolic link (to " + filepath.Join(real, "users.ts") + ") that imports a moved route: not written through",
		}},
		{dir3, []string{"pages/api/hello.js: skipped: app/api/hello/route.js resolves outside the project root (to " + filepath.Join(real, "api") + "); nothing written"}},
	} {
		// --include-todo: users.ts takes the old handler, so without it
		// hello.js would stay in pages/api and nothing would be re-pointed.
		out, errOut, code := routemod(t, tc.dir, "--write", "--include-todo")
		if code != 0 {
			t.Errorf("exit %d: %s", code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(out+errOut, w) {
				t.Errorf("output lacks %q:\n%s%s", w, out, errOut)
			}
		}
		if !equal(outBefore, snapshot(t, elsewhere)) {
			t.Fatalf("a file outside the root was written: %v", snapshot(t, elsewhere))
		}
	}
	if _, err := os.Stat(filepath.Join(dir2, "app/api/hello/route.js")); err != nil {
		t.Error("the route whose target is inside the root was not migrated")
	}
}

// TestLinkedRoutesAreReported: a route file or folder under pages/api that
// is a symbolic link is reported as skipped, with the reason.
func TestLinkedRoutesAreReported(t *testing.T) {
	dir := project(t, map[string]string{"pages/api/real.js": hello, "shared/routes/a.js": hello})
	symlink(t, "real.js", filepath.Join(dir, "pages/api/alias.js"))
	symlink(t, filepath.Join(dir, "shared/routes"), filepath.Join(dir, "pages/api/more"))
	_, errOut, code := routemod(t, dir, "-l")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, w := range []string{
		"pages/api/alias.js: skipped: a symbolic link: routemod migrates files",
		"pages/api/more: skipped: a symbolic link: routemod migrates files",
		"1 migrated, 0 needs-review, 0 unchanged, 2 skipped",
	} {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
}

func realPath(t *testing.T, p string) string {
	t.Helper()
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
