package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "routemod-bin")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "routemod")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		panic(string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// project writes files (slash path => text) into a new temp folder.
func project(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, text := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func routemod(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.email=t@t", "-c", "user.name=t", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.IsDir() {
			if info.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		b, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	return m
}

const hello = `export default function handler(req, res) {
  if (req.method !== "GET") return res.status(405).end();
  res.status(200).json({ hello: req.query.name });
}
`

func TestDryRunDiffAppliesWithGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := project(t, map[string]string{"pages/api/hello.js": hello, "pages/api/users/[id].ts": "export default async function h(req, res) {\n  res.json({ id: req.query.id });\n}\n"})
	before := snapshot(t, dir)
	out, errOut, code := routemod(t, dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !equal(before, snapshot(t, dir)) {
		t.Fatal("a dry run changed files")
	}
	if !strings.Contains(out, "rename from pages/api/hello.js\nrename to app/api/hello/route.js\n") {
		t.Errorf("diff does not show the move:\n%s", out)
	}
	if !strings.Contains(errOut, "routemod: 2 routes: 2 migrated") {
		t.Errorf("summary line missing: %s", errOut)
	}
	// git apply of the dry-run diff gives exactly what --write writes.
	written := project(t, nil)
	copyDir(t, dir, written)
	if _, e, c := routemod(t, written, "--write"); c != 0 {
		t.Fatalf("--write exit %d: %s", c, e)
	}
	git(t, dir, "init", "-q")
	patch := filepath.Join(t.TempDir(), "p.diff")
	os.WriteFile(patch, []byte(out), 0o644)
	git(t, dir, "apply", patch)
	if got, want := snapshot(t, dir), snapshot(t, written); !equal(got, want) {
		t.Errorf("git apply result differs from --write:\n%v\n%v", got, want)
	}
}

func TestWriteRefusesDirtyGitTree(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := project(t, map[string]string{"pages/api/hello.js": hello})
	git(t, dir, "init", "-q")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-qm", "init")
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("wip\n"), 0o644)
	before := snapshot(t, dir)
	_, errOut, code := routemod(t, dir, "--write")
	if code != 2 || !strings.Contains(errOut, "uncommitted changes") {
		t.Fatalf("want exit 2 and a clear refusal, got %d: %s", code, errOut)
	}
	if !equal(before, snapshot(t, dir)) {
		t.Fatal("a refused --write changed files")
	}
	// --force goes ahead; a clean tree needs no force.
	if _, errOut, code = routemod(t, dir, "--write", "--force"); code != 0 {
		t.Fatalf("--force: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "app/api/hello/route.js")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "pages/api/hello.js")); !os.IsNotExist(err) {
		t.Fatal("source left behind after --write")
	}
}

func TestCheckAndListAndJSON(t *testing.T) {
	dir := project(t, map[string]string{"pages/api/hello.js": hello})
	out, _, code := routemod(t, dir, "--check")
	if code != 1 || strings.TrimSpace(out) != "pages/api/hello.js" {
		t.Errorf("--check: exit %d, out %q", code, out)
	}
	out, _, code = routemod(t, dir, "-l")
	if code != 0 || strings.TrimSpace(out) != "pages/api/hello.js" {
		t.Errorf("-l: exit %d, out %q", code, out)
	}
	out, _, code = routemod(t, dir, "--json")
	var rep struct {
		Files []struct {
			Path, NewPath, Status, Diff string
		}
		Summary map[string]int
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 0 {
		t.Fatalf("--json: exit %d, %v\n%s", code, err, out)
	}
	if len(rep.Files) != 1 || rep.Files[0].NewPath != "app/api/hello/route.js" || rep.Files[0].Status != "migrated" || rep.Summary["migrated"] != 1 || !strings.Contains(rep.Files[0].Diff, "export function GET(req)") {
		t.Errorf("unexpected report: %+v", rep)
	}
	empty := project(t, map[string]string{"pages/index.js": "export default function P() { return null }\n"})
	if _, _, code := routemod(t, empty, "--check"); code != 0 {
		t.Errorf("--check with nothing to do: exit %d", code)
	}
}

func TestBadInputIsAnErrorAndUntouched(t *testing.T) {
	dir := project(t, map[string]string{
		"pages/api/broken.ts": "export default function h(req, res) {\n  res.json({ a: });\n}\n",
		"pages/api/ok.js":     hello,
	})
	before := snapshot(t, dir)
	out, errOut, code := routemod(t, dir, "--write")
	if code != 2 {
		t.Fatalf("want exit 2, got %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "pages/api/broken.ts: error: pages/api/broken.ts:2:17: input does not parse") {
		t.Errorf("error lacks path and location: %s", errOut)
	}
	after := snapshot(t, dir)
	if after["pages/api/broken.ts"] != before["pages/api/broken.ts"] {
		t.Error("broken input was changed")
	}
	if _, ok := after["app/api/ok/route.js"]; !ok {
		t.Errorf("the good file was not migrated: %s", out)
	}
}

func TestTargetExistsAndCollisionsAreSkipped(t *testing.T) {
	dir := project(t, map[string]string{
		"pages/api/a.js":       hello,
		"pages/api/a/index.js": hello,
		"pages/api/b.js":       hello,
		"app/api/b/route.js":   "export function GET() { return new Response('b') }\n",
		"pages/api/wrapped.js": "import w from '../../lib/w';\nfunction h(req, res) { res.end() }\nexport default w(h);\n",
	})
	before := snapshot(t, dir)
	_, errOut, code := routemod(t, dir, "--write")
	if code != 2 {
		t.Fatalf("want exit 2 (a route in both places is an error), got %d: %s", code, errOut)
	}
	for _, want := range []string{
		"pages/api/a.js: skipped: pages/api/a.js and pages/api/a/index.js both move to app/api/a/route.js",
		"pages/api/a/index.js: skipped:",
		"pages/api/b.js: error: target app/api/b/route.js already exists and is not this file's migration; nothing changed for this file",
		"pages/api/wrapped.js: skipped: the handler is wrapped in w(...)",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !equal(before, snapshot(t, dir)) {
		t.Error("skipped files were changed")
	}
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func copyDir(t *testing.T, from, to string) {
	for p, text := range snapshot(t, from) {
		full := filepath.Join(to, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte(text), 0o644)
	}
}

func TestImportersOfMovedRoutesAreRepointed(t *testing.T) {
	dir := project(t, map[string]string{
		"pages/api/hello.js":       hello,
		"pages/api/users/index.ts": "export type User = { id: string };\nexport default function h(req, res) {\n  res.json([]);\n}\n",
		"__tests__/hello.test.js":  "import handler from \"../pages/api/hello\";\ntest(\"x\", () => handler({}, {}));\n",
		"lib/types.ts":             "import type { User } from \"../pages/api/users\";\nexport type Users = User[];\n",
		"lib/unrelated.ts":         "import { x } from \"./x\";\n",
	})
	// Without --include-todo the route whose handler a test imports stays,
	// and so does the test; the type importer follows the route that moves.
	before := snapshot(t, dir)
	_, errOut, code := routemod(t, dir, "--write")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got := snapshot(t, dir)
	if got["pages/api/hello.js"] != hello || got["__tests__/hello.test.js"] != before["__tests__/hello.test.js"] {
		t.Errorf("a route whose handler a test imports moved without --include-todo:\n%s", errOut)
	}
	if !strings.Contains(errOut, "pages/api/hello.js: skipped: stays in pages/api: __tests__/hello.test.js imports its handler (the default export)") {
		t.Errorf("the held route's reason is missing:\n%s", errOut)
	}
	if got["lib/types.ts"] != "import type { User } from \"../app/api/users/route\";\nexport type Users = User[];\n" {
		t.Errorf("type importer not re-pointed:\n%s", got["lib/types.ts"])
	}

	dir = project(t, before)
	_, errOut, code = routemod(t, dir, "--write", "--include-todo")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got = snapshot(t, dir)
	if want := "// TODO(routemod): this imported the pages-router handler ../pages/api/hello; it moved to app/api/hello/route.js, which exports one function per method taking a NextRequest: update this code\nimport handler from \"../app/api/hello/route\";\n"; !strings.HasPrefix(got["__tests__/hello.test.js"], want) {
		t.Errorf("test importer not re-pointed and marked:\n%s", got["__tests__/hello.test.js"])
	}
	if !strings.Contains(got["__tests__/hello.test.js"], "TODO(routemod)") {
		t.Errorf("default import of the old handler not marked:\n%s", got["__tests__/hello.test.js"])
	}
	if got["lib/types.ts"] != "import type { User } from \"../app/api/users/route\";\nexport type Users = User[];\n" {
		t.Errorf("type importer not re-pointed:\n%s", got["lib/types.ts"])
	}
	if got["lib/unrelated.ts"] != "import { x } from \"./x\";\n" {
		t.Error("unrelated file changed")
	}
	if !strings.Contains(errOut, "__tests__/hello.test.js:1: TODO(routemod)") {
		t.Errorf("TODO location not reported: %s", errOut)
	}
}

func TestInPlaceChangesDiffAsModifications(t *testing.T) {
	dir := project(t, map[string]string{
		"pages/api/hello.js": hello,
		"tsconfig.json":      "{\n  \"compilerOptions\": {\n    \"strict\": false\n  }\n}\n",
	})
	out, errOut, code := routemod(t, dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "diff --git a/tsconfig.json b/tsconfig.json\n--- a/tsconfig.json\n+++ b/tsconfig.json\n@@ -1,5 +1,6 @@\n {\n   \"compilerOptions\": {\n+    \"strictNullChecks\": false,\n     \"strict\": false\n   }\n }\n"
	if !strings.HasSuffix(out, want) {
		t.Errorf("tsconfig diff:\n%s", out)
	}
}

func TestRunSelectsTransforms(t *testing.T) {
	dir := project(t, map[string]string{"pages/api/hello.js": hello})
	// Without the response transform res stays, marked: the route is
	// needs-review, so its diff is on stdout only with --include-todo.
	out, _, code := routemod(t, dir, "-r", "request", "--include-todo")
	if code != 0 || !strings.Contains(out, "+  res.status(200).json({ hello: req.nextUrl.searchParams.get(\"name\") ?? undefined });") {
		t.Errorf("-r request: exit %d\n%s", code, out)
	}
	if _, errOut, code := routemod(t, dir, "-r", "nope"); code != 2 || !strings.Contains(errOut, `unknown transform "nope"`) {
		t.Errorf("unknown transform: exit %d: %s", code, errOut)
	}
	if _, errOut, code := routemod(t, dir, "--write", "--check"); code != 2 || !strings.Contains(errOut, "cannot be used together") {
		t.Errorf("--write --check: exit %d: %s", code, errOut)
	}
}

// streaming waits for a drain event (back-pressure), a shape the
// streaming rule refuses, so the route is needs-review.
const streaming = `export default function handler(req, res) {
  res.write("a");
  res.on("drain", () => {});
  res.end("b");
}
`

// A needs-review route stays in pages/api as it is unless --include-todo:
// the patch on stdout is what --write does, its preview goes to stderr.
func TestNeedsReviewStaysWithoutIncludeTODO(t *testing.T) {
	files := map[string]string{"pages/api/hello.js": hello, "pages/api/stream.js": streaming}
	dir := project(t, files)
	out, errOut, code := routemod(t, dir)
	if code != 0 {
		t.Fatalf("dry run: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "rename to app/api/hello/route.js") || strings.Contains(out, "stream") {
		t.Errorf("the patch must hold the migrated route only:\n%s", out)
	}
	for _, want := range []string{
		"# pages/api/stream.js: needs-review, not in the patch: --write leaves it in pages/api (--include-todo writes it); it would become:\ndiff --git a/pages/api/stream.js b/app/api/stream/route.js\n",
		"+  // TODO(routemod): res.write",
		"pages/api/stream.js: needs-review: stays in pages/api as it is, so the project keeps building; --include-todo writes it with its TODOs\n",
		"pages/api/stream.js: would get at app/api/stream/route.js:2: TODO(routemod): res.write",
		"routemod: 2 routes: 1 migrated, 1 needs-review, 0 unchanged, 0 skipped, 0 error\n",
		"routemod: 1 needs-review route shown on stderr but not in the patch: --write leaves it in pages/api (--include-todo writes it with its TODOs)\n",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("dry run stderr lacks %q:\n%s", want, errOut)
		}
	}

	out, errOut, code = routemod(t, dir, "--check")
	if code != 1 || strings.TrimSpace(out) != "pages/api/hello.js" || !strings.Contains(errOut, "pages/api/stream.js: needs-review: stays in pages/api") {
		t.Errorf("--check: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	out, _, code = routemod(t, dir, "--json")
	var rep struct {
		Files []struct {
			Path, Kind, Status, Diff string
			Kept                     bool
		}
		Summary map[string]int
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 0 {
		t.Fatalf("--json: exit %d, %v\n%s", code, err, out)
	}
	if len(rep.Files) != 2 || rep.Files[1].Path != "pages/api/stream.js" || !rep.Files[1].Kept || rep.Files[1].Kind != "route" || !strings.Contains(rep.Files[1].Diff, "TODO(routemod)") || rep.Files[0].Kept {
		t.Errorf("--json: %+v", rep.Files)
	}
	if rep.Summary["kept"] != 1 || rep.Summary["migrated"] != 1 || rep.Summary["needs-review"] != 1 {
		t.Errorf("--json summary: %v", rep.Summary)
	}

	out, errOut, code = routemod(t, dir, "--write")
	if code != 0 {
		t.Fatalf("--write: exit %d: %s", code, errOut)
	}
	got := snapshot(t, dir)
	if got["pages/api/stream.js"] != streaming {
		t.Errorf("a needs-review route changed:\n%s", got["pages/api/stream.js"])
	}
	if _, ok := got["app/api/stream/route.js"]; ok {
		t.Error("a needs-review route was written without --include-todo")
	}
	if _, ok := got["app/api/hello/route.js"]; !ok {
		t.Errorf("the migrated route was not written: %s", out)
	}
	if !strings.Contains(errOut, "routemod: 1 needs-review route left in pages/api as it was, so the project keeps building; --write --include-todo writes it with its TODOs") {
		t.Errorf("--write stderr: %s", errOut)
	}

	dir = project(t, files)
	if _, errOut, code = routemod(t, dir, "--write", "--include-todo"); code != 0 {
		t.Fatalf("--write --include-todo: exit %d: %s", code, errOut)
	}
	got = snapshot(t, dir)
	if _, ok := got["pages/api/stream.js"]; ok || !strings.Contains(got["app/api/stream/route.js"], "TODO(routemod)") {
		t.Errorf("--include-todo did not write the needs-review route with its TODO: %v", got)
	}
	if strings.Contains(errOut, "left in pages/api") {
		t.Errorf("--include-todo still reports a kept route: %s", errOut)
	}
}
