//go:build unix

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
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

// TestNextDifferential builds the pages-router app in e2e/app with the pinned
// Next.js, serves it with next start, and replays requests.json. It then does the
// same for two migrations of the app and compares every answer with the
// original's, through the documented differences of verify.Differences only:
//
//   - reference: pages/api replaced by the hand-written translation in
//     e2e/reference (proves the harness and the list of differences);
//   - routemod: the app migrated by `routemod --write --force --json`.
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
	reqs := loadRequests(t, filepath.Join(e2eDir, "requests.json"))
	checkRouteTables(t, e2eDir)

	ctx := nodetest.Context(t)
	work := nodetest.WorkDir(t, "ROUTEMOD_E2E_KEEP")

	// One npm ci, shared by every copy of the app through hard links.
	nodeModules := installDeps(t, ctx, appDir)

	orig := filepath.Join(work, "orig")
	copyApp(t, appDir, orig, nodeModules)
	buildApp(t, ctx, orig, "original")
	origResp := serveAndReplay(t, ctx, orig, "original", reqs)
	writeJSON(t, filepath.Join(work, "responses-original.json"), pairUp(reqs, origResp))

	t.Run("reference", func(t *testing.T) {
		dir := filepath.Join(work, "reference")
		copyApp(t, appDir, dir, nodeModules)
		// The routes routemod cannot finish stay in pages/api, beside app/.
		for src := range expectedMigrated {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(src))); err != nil {
				t.Fatal(err)
			}
		}
		copyTree(t, filepath.Join(e2eDir, "reference", "app"), filepath.Join(dir, "app"))
		// As routemod does (DESIGN §4): keep the project's null checking off, or
		// next build turns strictNullChecks on once app/ exists.
		setStrictNullChecksFalse(t, filepath.Join(dir, "tsconfig.json"))
		buildApp(t, ctx, dir, "reference")
		got := serveAndReplay(t, ctx, dir, "reference", reqs)
		writeJSON(t, filepath.Join(work, "responses-reference.json"), pairUp(reqs, got))
		compareAll(t, reqs, origResp, got)
	})

	t.Run("routemod", func(t *testing.T) {
		bin := filepath.Join(work, "routemod")
		t0 := time.Now()
		if out, err := nodetest.Command(ctx, moduleRoot, "go", "build", "-o", bin, "./cmd/routemod").CombinedOutput(); err != nil {
			t.Fatalf("go build ./cmd/routemod failed: %v\n%s", err, out)
		}
		t.Logf("timing: go build ./cmd/routemod %s", time.Since(t0).Round(time.Millisecond))

		dir := filepath.Join(work, "migrated")
		copyApp(t, appDir, dir, nodeModules)
		migrate(t, ctx, bin, appDir, dir)
		buildApp(t, ctx, dir, "migrated")
		got := serveAndReplay(t, ctx, dir, "migrated", reqs)
		writeJSON(t, filepath.Join(work, "responses-migrated.json"), pairUp(reqs, got))
		compareAll(t, reqs, origResp, got)
	})
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

// ---- Next.js ----

func buildApp(t *testing.T, ctx context.Context, dir, label string) {
	t.Helper()
	t0 := time.Now()
	cmd := nodetest.Command(ctx, dir, "node", nextBin(dir), "build")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("next build of the %s app failed: %v\n%s", label, err, out)
	}
	t.Logf("timing: next build (%s) %s", label, time.Since(t0).Round(time.Millisecond))
}

func nextBin(dir string) string {
	return filepath.Join(dir, "node_modules", "next", "dist", "bin", "next")
}

// serveAndReplay starts next start on a free 127.0.0.1 port, replays reqs in
// order and stops the server before returning.
func serveAndReplay(t *testing.T, ctx context.Context, dir, label string, reqs []request) []*response {
	t.Helper()
	port := freePort(t)
	origin := fmt.Sprintf("http://127.0.0.1:%d", port)
	srv := startServer(t, ctx, dir, label, port)
	defer srv.stop()

	client := &http.Client{
		Timeout:       30 * time.Second,
		Transport:     &http.Transport{DisableCompression: true, Proxy: nil},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	defer client.CloseIdleConnections()
	waitReady(t, ctx, client, srv, origin)

	t0 := time.Now()
	out := make([]*response, len(reqs))
	for i := range reqs {
		r, err := send(ctx, client, origin, &reqs[i])
		if err != nil {
			t.Fatalf("%s server: %s %s (%s): %v\nserver output:\n%s", label, reqs[i].Method, reqs[i].Path, reqs[i].Name, err, srv.output())
		}
		out[i] = r
	}
	t.Logf("timing: replayed %d requests against the %s app in %s", len(reqs), label, time.Since(t0).Round(time.Millisecond))
	return out
}

func send(ctx context.Context, client *http.Client, origin string, rq *request) (*response, error) {
	var body io.Reader
	ct := ""
	switch {
	case rq.JSON != nil:
		body, ct = bytes.NewReader(rq.JSON), "application/json"
	case rq.Body != nil:
		body = strings.NewReader(*rq.Body)
	}
	req, err := http.NewRequestWithContext(ctx, rq.Method, origin+rq.Path, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "routemod-e2e")
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	for k, v := range rq.Headers {
		req.Header.Set(k, v)
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	return &response{Status: res.StatusCode, Header: res.Header, Body: string(b)}, nil
}

type server struct {
	cmd  *exec.Cmd
	out  *syncBuffer
	done chan struct{}
	once sync.Once
}

func (s *server) output() string { return s.out.String() }

func (s *server) exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// stop ends the server's whole process group: SIGTERM, then SIGKILL.
func (s *server) stop() {
	s.once.Do(func() {
		pid := s.cmd.Process.Pid
		_ = syscall.Kill(-pid, syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(5 * time.Second):
		}
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		<-s.done
	})
}

func startServer(t *testing.T, ctx context.Context, dir, label string, port int) *server {
	t.Helper()
	cmd := exec.Command("node", nextBin(dir), "start", "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	cmd.Dir = dir
	cmd.Env = nodetest.Env()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	buf := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = buf, buf
	if err := cmd.Start(); err != nil {
		t.Fatalf("next start (%s): %v", label, err)
	}
	s := &server{cmd: cmd, out: buf, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(s.done) }()
	t.Cleanup(s.stop)
	go func() {
		select {
		case <-ctx.Done():
			s.stop()
		case <-s.done:
		}
	}()
	return s
}

func waitReady(t *testing.T, ctx context.Context, client *http.Client, s *server, origin string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", origin+"/", nil)
		if res, err := client.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			return
		}
		if s.exited() {
			t.Fatalf("next start exited before answering:\n%s", s.output())
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			t.Fatalf("next start did not answer on %s within 60s:\n%s", origin, s.output())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// ---- comparison ----

// compareAll classifies every answer of the migrated app against the
// original's with verify.Classify and fails on each unexpected one, showing both
// answers as received and a diff of the normalised ones.
func compareAll(t *testing.T, reqs []request, orig, mig []*response) {
	t.Helper()
	used := map[string]int{}
	classes := map[verify.Class]int{}
	for i := range reqs {
		rq := &reqs[i]
		v := verify.Classify(rq.verifyRequest(), orig[i], mig[i])
		classes[v.Class]++
		for _, k := range v.Kinds {
			used[k]++
		}
		if v.Class != verify.Unexpected {
			continue
		}
		t.Errorf("request %d %q: %s %s differs (normalised by: %s)\n--- original (pages router), as received:\n%s\n--- migrated (app router), as received:\n%s\n--- diff of the normalised responses (-original +migrated):\n%s",
			i, rq.Name, rq.Method, rq.Path, strings.Join(v.Kinds, ", "),
			indent(verify.Render(orig[i])), indent(verify.Render(mig[i])), indent(v.Diff()))
	}
	kinds := make([]string, 0, len(used))
	for _, d := range verify.Differences {
		if n := used[d.Kind]; n > 0 {
			kinds = append(kinds, fmt.Sprintf("%s×%d", d.Kind, n))
		}
	}
	t.Logf("compared %d requests, %d differ; documented differences applied: %s", len(reqs), classes[verify.Unexpected], strings.Join(kinds, " "))
	t.Logf("verdicts: %d identical, %d expected, %d unexpected", classes[verify.Identical], classes[verify.Expected], classes[verify.Unexpected])
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}

// ---- plumbing ----

func loadRequests(t *testing.T, file string) []request {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Requests []request `json:"requests"`
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if err := json.Unmarshal(raw["requests"], &doc.Requests); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if len(doc.Requests) == 0 {
		t.Fatalf("%s: no requests", file)
	}
	for i, r := range doc.Requests {
		if r.Method == "" || !strings.HasPrefix(r.Path, "/") || r.Name == "" {
			t.Fatalf("%s: request %d needs name, method and a path starting with /: %+v", file, i, r)
		}
		if r.JSON != nil && r.Body != nil {
			t.Fatalf("%s: request %q has both json and body", file, r.Name)
		}
	}
	return doc.Requests
}

type exchangeDump struct {
	Request  request   `json:"request"`
	Response *response `json:"response"`
}

func pairUp(reqs []request, resps []*response) []exchangeDump {
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

// copyApp copies the app's sources (not node_modules, .next or build caches)
// to dst and gives it a hard-linked copy of the shared node_modules. (A symlink
// to a node_modules outside the project does not build: Turbopack resolves
// next/package.json only inside the project root.)
func copyApp(t *testing.T, src, dst, nodeModules string) {
	t.Helper()
	copyTree(t, src, dst)
	t0 := time.Now()
	if err := nodetest.LinkTree(nodeModules, filepath.Join(dst, "node_modules")); err != nil {
		t.Fatalf("linking node_modules into %s: %v", dst, err)
	}
	t.Logf("timing: node_modules linked into %s in %s", filepath.Base(dst), time.Since(t0).Round(time.Millisecond))
}

// copyTree is nodetest.CopyTree, failing t on an error.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if err := nodetest.CopyTree(src, dst); err != nil {
		t.Fatal(err)
	}
}

// copyFile is nodetest.CopyFile, failing t on an error.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	if err := nodetest.CopyFile(src, dst); err != nil {
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

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
