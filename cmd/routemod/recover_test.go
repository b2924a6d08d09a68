//go:build unix

package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// migrated returns the tree an uninterrupted --write leaves for files.
func migrated(t *testing.T, files map[string]string) map[string]string {
	t.Helper()
	dir := project(t, files)
	if _, errOut, code := routemod(t, dir, "--write"); code != 0 {
		t.Fatalf("reference run: exit %d: %s", code, errOut)
	}
	return snapshot(t, dir)
}

var importing = map[string]string{
	"pages/api/users/index.ts": "export type User = { id: string };\nexport default function h(req, res) {\n  res.json([]);\n}\n",
	"pages/api/other.ts":       "export default function h(req, res) {\n  res.json({ other: true });\n}\n",
	"lib/types.ts":             "import type { User } from \"../pages/api/users\";\nexport type Users = User[];\n",
	"tsconfig.json":            "{\n  \"compilerOptions\": {\n    \"strict\": false\n  }\n}\n",
}

// TestRerunFinishesInterruptedMove: a run killed between writing a target
// and removing its source, and with temp files in place, is finished by the
// next run, which ends with the tree of an uninterrupted run.
func TestRerunFinishesInterruptedMove(t *testing.T) {
	want := migrated(t, importing)
	dir := project(t, importing)
	// The state a kill leaves: users' target written, its source still
	// there, temp files beside a target and beside an importer.
	crashed := map[string]string{
		"app/api/users/route.ts":             want["app/api/users/route.ts"],
		"app/api/other/.routemod-1234567890": "partial",
		"lib/.routemod-42":                   "partial",
	}
	for p, text := range crashed {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte(text), 0o644)
	}
	out, errOut, code := routemod(t, dir, "--write")
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	if got := snapshot(t, dir); !equal(got, want) {
		t.Errorf("the re-run did not finish the job:\n got %v\nwant %v", keys(got), keys(want))
	}
	if !strings.Contains(errOut, "removed 2 temp files left by an interrupted run") {
		t.Errorf("temp files not reported: %s", errOut)
	}
}

// TestImportsOfEarlierMovesAreRepointed: when an earlier run moved a route
// but stopped before re-pointing its importers and pinning tsconfig.json,
// the next run does both, with or without routes left to move.
func TestImportsOfEarlierMovesAreRepointed(t *testing.T) {
	want := migrated(t, importing)
	for _, left := range []bool{true, false} {
		dir := project(t, importing)
		os.RemoveAll(filepath.Join(dir, "pages/api/users"))
		os.MkdirAll(filepath.Join(dir, "app/api/users"), 0o755)
		os.WriteFile(filepath.Join(dir, "app/api/users/route.ts"), []byte(want["app/api/users/route.ts"]), 0o644)
		if !left {
			os.Remove(filepath.Join(dir, "pages/api/other.ts"))
			os.MkdirAll(filepath.Join(dir, "app/api/other"), 0o755)
			os.WriteFile(filepath.Join(dir, "app/api/other/route.ts"), []byte(want["app/api/other/route.ts"]), 0o644)
		}
		out, errOut, code := routemod(t, dir, "--write")
		if code != 0 {
			t.Fatalf("exit %d: %s%s", code, out, errOut)
		}
		got := snapshot(t, dir)
		for _, p := range []string{"lib/types.ts", "tsconfig.json"} {
			if got[p] != want[p] {
				t.Errorf("routes left to move %v: %s is\n%s\nwant\n%s", left, p, got[p], want[p])
			}
		}
	}
}

// TestSourceThatCannotBeRemoved: when the source cannot be removed after
// the target is written, the target is removed again, the run says so and
// exits 2.
func TestSourceThatCannotBeRemoved(t *testing.T) {
	dir := project(t, map[string]string{"pages/api/hello.js": hello})
	src := filepath.Join(dir, "pages/api/hello.js")
	if os.Geteuid() == 0 {
		if out, err := exec.Command("chattr", "+i", src).CombinedOutput(); err != nil {
			t.Skipf("cannot make a file immutable here: %v %s", err, out)
		}
		defer exec.Command("chattr", "-i", src).Run()
	} else {
		os.Chmod(filepath.Dir(src), 0o555)
		defer os.Chmod(filepath.Dir(src), 0o755)
	}
	before := snapshot(t, dir)
	_, errOut, code := routemod(t, dir, "--write")
	if code != 2 {
		t.Errorf("want exit 2, got %d: %s", code, errOut)
	}
	if want := "pages/api/hello.js: error: write app/api/hello/route.js: the source could not be removed (remove " + src; !strings.Contains(errOut, want) ||
		!strings.Contains(errOut, "so the target written just before was removed again; nothing changed for this file") {
		t.Errorf("stderr does not say what happened:\n%s", errOut)
	}
	if got := snapshot(t, dir); !equal(got, before) {
		t.Errorf("tree changed: %v", keys(got))
	}
	if _, err := os.Stat(filepath.Join(dir, "app")); !os.IsNotExist(err) {
		t.Errorf("folders created for the target are left: %v", err)
	}
}

// TestRouteFileBesideTarget: any route or page file in the target folder is
// an existing target: an error, nothing written.
func TestRouteFileBesideTarget(t *testing.T) {
	dir := project(t, map[string]string{
		"pages/api/x.ts":     hello,
		"app/api/x/route.js": "export function GET() { return new Response('x') }\n",
		"pages/api/y.js":     hello,
		"app/api/y/page.tsx": "export default function P() { return null }\n",
	})
	before := snapshot(t, dir)
	_, errOut, code := routemod(t, dir, "--write")
	if code != 2 {
		t.Errorf("want exit 2, got %d: %s", code, errOut)
	}
	for _, w := range []string{
		"pages/api/x.ts: error: app/api/x/route.js already in the target folder of app/api/x/route.ts",
		"pages/api/y.js: error: app/api/y/page.tsx already in the target folder of app/api/y/route.js",
	} {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
	if !equal(before, snapshot(t, dir)) {
		t.Error("files were written")
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestHelperOfARouteThatCannotMove: when a route that calls a project
// helper cannot be written (its target exists with other content), the
// helper keeps its pages-router form for it: the route stays in pages/api
// calling requireUser(req, res), which lib/auth.ts still defines so.
func TestHelperOfARouteThatCannotMove(t *testing.T) {
	files := map[string]string{}
	in := "../../fixtures/helpers-guard/input"
	filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(in, p)
			files[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	files["app/api/me/route.ts"] = "export const GET = () => new Response(\"mine\");\n"
	dir := project(t, files)
	_, errOut, code := routemod(t, dir, "--write")
	if code != 2 || !strings.Contains(errOut, "pages/api/me.ts: error: target app/api/me/route.ts already exists") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got := snapshot(t, dir)
	if got["pages/api/me.ts"] != files["pages/api/me.ts"] {
		t.Errorf("pages/api/me.ts changed")
	}
	if want := "export async function requireUser(req: NextApiRequest, res: NextApiResponse) {"; !strings.Contains(got["lib/auth.ts"], want) {
		t.Errorf("lib/auth.ts no longer has %s, which pages/api/me.ts calls:\n%s", want, got["lib/auth.ts"])
	}
	if got["lib/auth-js.js"] == files["lib/auth-js.js"] {
		t.Errorf("lib/auth-js.js not migrated with pages/api/js/me.js")
	}
}
