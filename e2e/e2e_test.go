//go:build unix

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/routemod/routemod/internal/nodetest"
	"github.com/routemod/routemod/verify"
)

// expectedMigrated lists every route of e2e/app and the folder its route file
// must land in. Each must come out of routemod with status "migrated".
var expectedMigrated = map[string]string{
	"pages/api/login.ts":              "app/api/login",
	"pages/api/hello.ts":              "app/api/hello",
	"pages/api/health.ts":             "app/api/health",
	"pages/api/ping.ts":               "app/api/ping",
	"pages/api/arrow.ts":              "app/api/arrow",
	"pages/api/users/index.ts":        "app/api/users",
	"pages/api/users/[id].ts":         "app/api/users/[id]",
	"pages/api/method.ts":             "app/api/method",
	"pages/api/url.ts":                "app/api/url",
	"pages/api/protected.ts":          "app/api/protected",
	"pages/api/session.ts":            "app/api/session",
	"pages/api/items/[...slug].ts":    "app/api/items/[...slug]",
	"pages/api/query/[id].ts":         "app/api/query/[id]",
	"pages/api/docs/[[...slug]].ts":   "app/api/docs/[[...slug]]",
	"pages/api/search.ts":             "app/api/search",
	"pages/api/text.ts":               "app/api/text",
	"pages/api/status.ts":             "app/api/status",
	"pages/api/custom-header.ts":      "app/api/custom-header",
	"pages/api/logout.ts":             "app/api/logout",
	"pages/api/go.ts":                 "app/api/go",
	"pages/api/old-docs.ts":           "app/api/old-docs",
	"pages/api/nested/deep/info.ts":   "app/api/nested/deep/info",
	"pages/api/js/hello.js":           "app/api/js/hello",
	"pages/api/router.ts":             "app/api/router",
	"pages/api/js/router.js":          "app/api/js/router",
	"pages/api/js/contact.js":         "app/api/js/contact",
	"pages/api/js/todos/index.js":     "app/api/js/todos",
	"pages/api/js/todos/[id].js":      "app/api/js/todos/[id]",
	"pages/api/js/text.js":            "app/api/js/text",
	"pages/api/js/redirect.js":        "app/api/js/redirect",
	"pages/api/js/preferences.js":     "app/api/js/preferences",
	"pages/api/js/search.js":          "app/api/js/search",
	"pages/api/js/files/[...path].js": "app/api/js/files/[...path]",
	"pages/api/js/echo.js":            "app/api/js/echo",
	"pages/api/js/ping.js":            "app/api/js/ping",
	"pages/api/products/[id].ts":      "app/api/products/[id]",
	"pages/api/tasks.ts":              "app/api/tasks",
	"pages/api/guarded.ts":            "app/api/guarded",
	"pages/api/writehead.ts":          "app/api/writehead",
	"pages/api/tags.ts":               "app/api/tags",
	"pages/api/audit.ts":              "app/api/audit",
	"pages/api/account.ts":            "app/api/account",
	"pages/api/quick.ts":              "app/api/quick",
	"pages/api/keys.ts":               "app/api/keys",
	"pages/api/js/products/[id].js":   "app/api/js/products/[id]",
	"pages/api/js/queue.js":           "app/api/js/queue",
	"pages/api/js/cookies.js":         "app/api/js/cookies",
	"pages/api/js/tags.js":            "app/api/js/tags",
	"pages/api/js/list.js":            "app/api/js/list",
	"pages/api/js/audit.js":           "app/api/js/audit",
	"pages/api/js/legacy.js":          "app/api/js/legacy",
	"pages/api/js/quick.js":           "app/api/js/quick",
	"pages/api/js/moved.js":           "app/api/js/moved",
	"pages/api/js/whoami.js":          "app/api/js/whoami",
	"pages/api/pick.ts":               "app/api/pick",
	"pages/api/js/doc.js":             "app/api/js/doc",
	"pages/api/js/upper.js":           "app/api/js/upper",
	"pages/api/og/font.ts":            "app/api/og/font",
	"pages/api/js/og-font.js":         "app/api/js/og-font",
	"pages/api/js/only-get.js":        "app/api/js/only-get",
	"pages/api/wrapped/notes.ts":      "app/api/wrapped/notes",
	"pages/api/wrapped/remove.ts":     "app/api/wrapped/remove",
	"pages/api/js/wrapped/notes.js":   "app/api/js/wrapped/notes",
	"pages/api/wrapped/secret.ts":     "app/api/wrapped/secret",
	"pages/api/wrapped/stock.ts":      "app/api/wrapped/stock",
	"pages/api/js/wrapped/secret.js":  "app/api/js/wrapped/secret",
	"pages/api/cors.ts":               "app/api/cors",
	"pages/api/js/preflight.js":       "app/api/js/preflight",
	"pages/api/js/sms.js":             "app/api/js/sms",
	"pages/api/saml/acs.ts":           "app/api/saml/acs",
	"pages/api/export-csv.ts":         "app/api/export-csv",
	"pages/api/helped/profile.ts":     "app/api/helped/profile",
	"pages/api/helped/notes.ts":       "app/api/helped/notes",
	"pages/api/helped/session.ts":     "app/api/helped/session",
	"pages/api/js/helped/me.js":       "app/api/js/helped/me",
	"pages/api/js/helped/echo.js":     "app/api/js/helped/echo",
	"pages/api/events.ts":             "app/api/events",
	"pages/api/js/events.js":          "app/api/js/events",
	"pages/api/lines.ts":              "app/api/lines",
	"pages/api/js/asset.js":           "app/api/js/asset",
}

// expectedKept lists the routes of e2e/app that routemod cannot finish (a res
// handed to a helper in lib/, res.write streaming with back-pressure, a req.socket read, an
// import of another route), with the status each must get, and the route
// held back with them because one of them imports it. After --write each is
// still in pages/api byte for byte, the app builds with type-checking on,
// and each answers exactly as before.
var expectedKept = map[string]string{
	"pages/api/kept/csv.ts":     "needs-review",
	"pages/api/kept/stream.ts":  "needs-review",
	"pages/api/kept/quota.ts":   "needs-review",
	"pages/api/kept/limits.ts":  "skipped",
	"pages/api/js/kept/peer.js": "needs-review",
}

// routeFileNames are the names Next.js accepts for a route handler file.
var routeFileNames = []string{"route.ts", "route.js", "route.tsx", "route.jsx", "route.mjs"}

// TestNextDifferential proves routemod's output on real Next.js through the
// implementation of routemod verify (package verify: the same functions the
// command runs). The pages-router app in e2e/app is committed to a git
// repository in a temporary folder, with the hand-written translation in
// e2e/reference on a branch; routemod --write migrates the work tree. The
// baseline (HEAD) is built and served once; every candidate is built,
// served, sent the same requests (requests.json) and compared through
// verify.Compare:
//
//   - reference: the branch with e2e/reference (proves the harness and the
//     list of differences);
//   - routemod: the work tree migrated by `routemod --write --force --json`;
//   - mistranslated: that work tree with one route changed on purpose, which
//     verify must fail, naming the route and the difference.
func TestNextDifferential(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and serves real Next.js apps; skipped with -short")
	}
	start := time.Now()
	defer func() { t.Logf("timing: whole test %s", time.Since(start).Round(time.Millisecond)) }()

	nodetest.NeedNode(t)
	e2eDir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	appDir := filepath.Join(e2eDir, "app")
	moduleRoot := filepath.Dir(e2eDir)
	if _, err := os.Stat(filepath.Join(moduleRoot, "go.mod")); err != nil {
		t.Fatalf("module root not found above %s: %v", e2eDir, err)
	}
	file, err := verify.LoadFile(filepath.Join(e2eDir, "requests.json"))
	if err != nil {
		t.Fatal(err)
	}
	checkRouteTables(t, e2eDir)

	ctx := nodetest.Context(t)
	work := nodetest.WorkDir(t, "ROUTEMOD_E2E_KEEP")

	// One npm ci, shared by every tree of the app through hard links.
	nodeModules := installDeps(t, ctx, appDir)
	repo := filepath.Join(work, "repo")
	makeRepo(t, ctx, e2eDir, repo, nodeModules)

	// The user's flow: routemod --write, then routemod verify.
	bin := buildRoutemod(t, ctx, moduleRoot, work)
	migrate(t, ctx, bin, appDir, repo)

	// requests.json only, as before verify existed (NoGenerate): the GET and
	// HEAD requests verify generates for every route find three answers that
	// differ, in the hand-written reference as in routemod's output (see
	// README.md, "What the generated requests found").
	o := verify.Options{Dir: repo, File: file, NoGenerate: true, Progress: logWriter{t}}
	p, err := verify.Open(ctx, repo)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	base := prepare(t, ctx, p, "baseline", "HEAD", &o)
	reference := prepare(t, ctx, p, "candidate", "reference", &o)
	migrated := prepare(t, ctx, p, "candidate", "", &o)
	mistranslated := prepare(t, ctx, p, "candidate", "", &o, mistranslate)

	routes := checkRoutes(t, base, migrated, reference)
	reqs := verify.Plan(routes, &o)
	t.Logf("%d routes, %d requests: %d generated, %d from requests.json", len(routes), len(reqs), len(reqs)-len(file.Requests), len(file.Requests))
	if err := base.Build(ctx, &o); err != nil {
		t.Fatal(err)
	}
	baseAnswers, err := base.Answers(ctx, reqs, &o)
	if err != nil {
		t.Fatal(err)
	}
	writeJSON(t, filepath.Join(work, "responses-original.json"), pairUp(reqs, baseAnswers))

	candidate := func(t *testing.T, name string, tree *verify.Tree) *verify.Report {
		t.Helper()
		if err := tree.Build(ctx, &o); err != nil {
			t.Fatal(err)
		}
		got, err := tree.Answers(ctx, reqs, &o)
		if err != nil {
			t.Fatal(err)
		}
		writeJSON(t, filepath.Join(work, "responses-"+name+".json"), pairUp(reqs, got))
		rep := verify.Compare(routes, reqs, base, tree, baseAnswers, got)
		logReport(t, rep)
		return rep
	}
	t.Run("reference", func(t *testing.T) { failUnexpected(t, candidate(t, "reference", reference)) })
	t.Run("routemod", func(t *testing.T) { failUnexpected(t, candidate(t, "migrated", migrated)) })
	t.Run("mistranslated", func(t *testing.T) {
		rep := candidate(t, "mistranslated", mistranslated)
		if rep.ExitCode() != verify.ExitUnexpected {
			t.Errorf("exit code %d, want %d", rep.ExitCode(), verify.ExitUnexpected)
		}
		var text strings.Builder
		rep.WriteText(&text)
		for _, x := range rep.Exchanges {
			if x.Class == verify.Unexpected && x.Route != mistranslatedRoute {
				t.Errorf("unexpected answer outside %s: %s", mistranslatedRoute, x.Request.Label())
			}
		}
		for _, want := range []string{
			"UNEXPECTED " + mistranslatedRoute + ": GET " + mistranslatedRoute,
			`- {"name":"John Doe"}`,
			`+ {"name":"John Roe"}`,
		} {
			if !strings.Contains(text.String(), want) {
				t.Errorf("the report does not say %q:\n%s", want, text.String())
			}
		}
	})
}

// mistranslatedRoute is the route the mistranslated candidate changes: its
// answer's name John Doe becomes John Roe.
const mistranslatedRoute = "/api/hello"

func mistranslate(t *testing.T, repo string) func() {
	t.Helper()
	f := filepath.Join(repo, "app", "api", "hello", "route.ts")
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(b), `"John Doe"`, `"John Roe"`, 1)
	if changed == string(b) {
		t.Fatalf("%s has no \"John Doe\" to change:\n%s", f, b)
	}
	if err := os.WriteFile(f, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	return func() { os.WriteFile(f, b, 0o644) }
}

// prepare is Project.Prepare failing t; each change is applied to the
// work tree before it is copied and undone after.
func prepare(t *testing.T, ctx context.Context, p *verify.Project, role, ref string, o *verify.Options, changes ...func(*testing.T, string) func()) *verify.Tree {
	t.Helper()
	for _, change := range changes {
		defer change(t, p.Dir)()
	}
	tree, err := p.Prepare(ctx, role, ref, o)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// makeRepo commits e2e/app to a new git repository at repo (branch main)
// and the hand-written translation on branch reference, leaves main checked
// out, and gives it a hard-linked node_modules (ignored, as a user's is).
func makeRepo(t *testing.T, ctx context.Context, e2eDir, repo string, nodeModules string) {
	t.Helper()
	copyTree(t, filepath.Join(e2eDir, "app"), repo)
	git := func(args ...string) {
		t.Helper()
		run(t, ctx, repo, "git", append([]string{"-c", "user.name=e2e", "-c", "user.email=e2e@example.com", "-c", "init.defaultBranch=main"}, args...)...)
	}
	git("init", "-q")
	if err := os.WriteFile(filepath.Join(repo, ".gitignore"), []byte("node_modules/\n.next/\n*.tsbuildinfo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git("add", "-A")
	git("commit", "-qm", "the pages-router app")
	git("switch", "-q", "-c", "reference")
	// The routes routemod cannot finish stay in pages/api, beside app/.
	for src := range expectedMigrated {
		if err := os.Remove(filepath.Join(repo, filepath.FromSlash(src))); err != nil {
			t.Fatal(err)
		}
	}
	copyTree(t, filepath.Join(e2eDir, "reference", "app"), filepath.Join(repo, "app"))
	// As routemod does (DESIGN §4): keep the project's null checking off, or
	// next build turns strictNullChecks on once app/ exists.
	setStrictNullChecksFalse(t, filepath.Join(repo, "tsconfig.json"))
	git("add", "-A")
	git("commit", "-qm", "the hand-written translation")
	git("switch", "-q", "main")
	t0 := time.Now()
	if err := nodetest.LinkTree(nodeModules, filepath.Join(repo, "node_modules")); err != nil {
		t.Fatalf("linking node_modules into %s: %v", repo, err)
	}
	t.Logf("timing: node_modules linked in %s", time.Since(t0).Round(time.Millisecond))
}

func buildRoutemod(t *testing.T, ctx context.Context, moduleRoot, work string) string {
	t.Helper()
	bin := filepath.Join(work, "routemod")
	t0 := time.Now()
	if out, err := nodetest.Command(ctx, moduleRoot, "go", "build", "-o", bin, "./cmd/routemod").CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/routemod failed: %v\n%s", err, out)
	}
	t.Logf("timing: go build ./cmd/routemod %s", time.Since(t0).Round(time.Millisecond))
	return bin
}

// checkRoutes checks that verify finds, in each candidate, exactly the routes
// of expectedMigrated, and returns them.
func checkRoutes(t *testing.T, base *verify.Tree, cands ...*verify.Tree) []verify.Route {
	t.Helper()
	var want []string
	for _, src := range sortedKeys(expectedMigrated) {
		want = append(want, src+" => "+expectedMigrated[src])
	}
	var first []verify.Route
	for _, c := range cands {
		routes, err := verify.Routes(base.Dir, c.Dir)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range routes {
			got = append(got, r.Base+" => "+path.Dir(r.File))
		}
		sort.Strings(got)
		if !slices.Equal(got, want) {
			t.Fatalf("verify.Routes(%s) found:\n  %s\nwant expectedMigrated:\n  %s", c.Label, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		}
		if first == nil {
			first = routes
		}
	}
	return first
}

// checkRouteTables keeps expectedMigrated, e2e/app/pages/api and e2e/reference
// in step: every route is listed and has a hand-written translation.
func checkRouteTables(t *testing.T, e2eDir string) {
	t.Helper()
	appDir := filepath.Join(e2eDir, "app")
	found := map[string]bool{}
	err := filepath.WalkDir(filepath.Join(appDir, "pages", "api"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(appDir, p)
		rel = filepath.ToSlash(rel)
		found[rel] = true
		_, migrated := expectedMigrated[rel]
		_, kept := expectedKept[rel]
		if !migrated && !kept || migrated && kept {
			t.Errorf("%s is not listed in exactly one of expectedMigrated and expectedKept", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range sortedKeys(expectedMigrated) {
		if !found[src] {
			t.Errorf("expectedMigrated lists %s, which is not in e2e/app", src)
		}
		dir := filepath.Join(e2eDir, "reference", filepath.FromSlash(expectedMigrated[src]))
		ok := false
		for _, name := range routeFileNames {
			if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
				ok = true
			}
		}
		if !ok {
			t.Errorf("e2e/reference has no route file in %s for %s", expectedMigrated[src], src)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
}

// ---- routemod ----

type routemodReport struct {
	Files []struct {
		Path    string   `json:"path"`
		NewPath string   `json:"newPath"`
		Status  string   `json:"status"`
		Kept    bool     `json:"kept"`
		Reasons []string `json:"reasons"`
		Todos   []struct {
			Line int    `json:"line"`
			Text string `json:"text"`
		} `json:"todos"`
	} `json:"files"`
	Summary map[string]int `json:"summary"`
}

// migrate runs routemod on the copy at dir and checks its report and the tree it
// leaves: every expected route migrated to its folder, every route it cannot
// finish left in pages/api as it was, nothing else left there.
func migrate(t *testing.T, ctx context.Context, bin, appDir, dir string) {
	t.Helper()
	cmd := nodetest.Command(ctx, dir, bin, "--write", "--force", "--json", dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	t0 := time.Now()
	runErr := cmd.Run()
	t.Logf("timing: routemod --write %s", time.Since(t0).Round(time.Millisecond))
	if runErr != nil {
		t.Errorf("routemod --write --force --json exited with %v\nstderr:\n%s", runErr, stderr.String())
	}
	var rep routemodReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("routemod --json printed no valid JSON report: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	t.Logf("routemod summary: %v", rep.Summary)

	seen := map[string]bool{}
	for _, f := range rep.Files {
		p := filepath.ToSlash(f.Path)
		seen[p] = true
		want, expected := expectedMigrated[p]
		if status, kept := expectedKept[p]; kept {
			// Without --include-todo a route routemod cannot finish stays as
			// it is, and so does a route one of them imports.
			if f.Status != status || f.Kept != (status == "needs-review") || f.NewPath != "" && status == "skipped" {
				t.Errorf("routemod: %s has status %q (kept %v), want %q, left in pages/api; reasons %v", p, f.Status, f.Kept, status, f.Reasons)
			}
			before, _ := os.ReadFile(filepath.Join(appDir, filepath.FromSlash(p)))
			if after, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p))); err != nil || !bytes.Equal(before, after) {
				t.Errorf("routemod: %s, which routemod cannot finish, did not stay in pages/api as it was (%v)", p, err)
			}
			if f.NewPath != "" {
				if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f.NewPath))); err == nil {
					t.Errorf("routemod: %s stays, but %s was written", p, f.NewPath)
				}
			}
			continue
		}
		if !expected {
			continue
		}
		var detail strings.Builder
		for _, r := range f.Reasons {
			fmt.Fprintf(&detail, "\n    reason: %s", r)
		}
		for _, td := range f.Todos {
			fmt.Fprintf(&detail, "\n    TODO line %d: %s", td.Line, td.Text)
		}
		if f.Status != "migrated" {
			t.Errorf("routemod: %s has status %q, want \"migrated\"%s", p, f.Status, detail.String())
			continue
		}
		np := filepath.ToSlash(f.NewPath)
		if path.Dir(np) != want || !slices.Contains(routeFileNames, path.Base(np)) {
			t.Errorf("routemod: %s moved to %q, want %s/route.{ts,js}", p, np, want)
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(np))); err != nil {
			t.Errorf("routemod: %s reported as migrated to %s, which is not on disk: %v", p, np, err)
		}
	}
	for _, p := range append(sortedKeys(expectedMigrated), sortedKeys(expectedKept)...) {
		if !seen[p] {
			t.Errorf("routemod: report has no entry for %s", p)
		}
	}

	// DESIGN §4: with "strict": false and no strictNullChecks key, next build
	// turns strictNullChecks on once app/ exists (users/[id].ts then stops
	// compiling); routemod keeps the project's checking by writing false.
	if b, err := os.ReadFile(filepath.Join(dir, "tsconfig.json")); err == nil {
		var cfg struct {
			CompilerOptions map[string]any `json:"compilerOptions"`
		}
		if err := json.Unmarshal(b, &cfg); err != nil {
			t.Errorf("routemod left tsconfig.json unparsable: %v", err)
		} else if v, ok := cfg.CompilerOptions["strictNullChecks"]; !ok || v != false {
			t.Errorf("routemod did not write \"strictNullChecks\": false into tsconfig.json (compilerOptions.strictNullChecks = %v); next build will set it to true", v)
		}
	}

	// A route left in pages/api beside its app/api twin is a hard build error;
	// only the routes routemod cannot finish may stay.
	var leftovers []string
	_ = filepath.WalkDir(filepath.Join(dir, "pages", "api"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			if _, kept := expectedKept[filepath.ToSlash(rel)]; !kept {
				leftovers = append(leftovers, filepath.ToSlash(rel))
			}
		}
		return nil
	})
	if len(leftovers) > 0 {
		t.Fatalf("routemod --write left %d file(s) in pages/api (a route in both pages/ and app/ fails next build):\n  %s",
			len(leftovers), strings.Join(leftovers, "\n  "))
	}
}

func setStrictNullChecksFalse(t *testing.T, file string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := json.Unmarshal(b, &cfg); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	opts, _ := cfg["compilerOptions"].(map[string]any)
	if opts == nil {
		t.Fatalf("%s: no compilerOptions", file)
	}
	opts["strictNullChecks"] = false
	writeJSON(t, file, cfg)
}

// ---- comparison ----

// failUnexpected fails t on every unexpected answer of rep, showing both
// answers as received and a diff of the normalised ones.
func failUnexpected(t *testing.T, rep *verify.Report) {
	t.Helper()
	for i, x := range rep.Exchanges {
		if x.Class != verify.Unexpected {
			continue
		}
		t.Errorf("request %d %q: %s %s differs\n--- original (pages router), as received:\n%s\n--- migrated (app router), as received:\n%s\n--- diff of the normalised responses (-original +migrated):\n%s",
			i, x.Request.Label(), x.Request.Method, x.Request.Path,
			indent(verify.Render(x.Base)), indent(verify.Render(x.Candidate)), indent(x.Diff))
	}
}

// logReport logs the summary of rep and how often each documented
// difference made an answer expected.
func logReport(t *testing.T, rep *verify.Report) {
	t.Helper()
	used := map[string]int{}
	for _, x := range rep.Exchanges {
		for _, k := range x.Kinds {
			used[k]++
		}
	}
	var kinds []string
	for _, d := range verify.Differences {
		if n := used[d.Kind]; n > 0 {
			kinds = append(kinds, fmt.Sprintf("%s×%d", d.Kind, n))
		}
	}
	t.Logf("%s", rep.SummaryLine())
	t.Logf("documented differences that made answers expected: %s", strings.Join(kinds, " "))
	t.Logf("timing: next build %.1fs, replay %.1fs (baseline: %.1fs, %.1fs)", rep.Timings.BuildCandidate, rep.Timings.ReplayCandidate, rep.Timings.BuildBase, rep.Timings.ReplayBase)
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}

// logWriter sends verify's progress lines to the test log.
type logWriter struct{ t *testing.T }

func (w logWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// ---- plumbing ----

type exchangeDump struct {
	Request  verify.Spec      `json:"request"`
	Response *verify.Response `json:"response"`
}

func pairUp(reqs []verify.Spec, resps []*verify.Response) []exchangeDump {
	out := make([]exchangeDump, len(reqs))
	for i := range reqs {
		out[i] = exchangeDump{reqs[i], resps[i]}
	}
	return out
}

func writeJSON(t *testing.T, file string, v any) {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, ctx context.Context, dir, name string, args ...string) {
	t.Helper()
	out, err := nodetest.Command(ctx, dir, name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s (in %s) failed: %v\n%s", name, strings.Join(args, " "), dir, err, out)
	}
}

// copyTree is nodetest.CopyTree, failing t on an error.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if err := nodetest.CopyTree(src, dst); err != nil {
		t.Fatal(err)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
