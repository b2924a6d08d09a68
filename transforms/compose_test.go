package transforms

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/routemod/routemod/bench/corpus"
	"github.com/routemod/routemod/codemod"
)

// TestComposeAllIsComposeEach checks that composeAll, which sorts the
// edits once and splices every helper's composed edit into that list,
// writes what composing the frames one after another writes: on every
// fixture project, and on routes of many helpers (corpus.LargeHelpersRoute)
// and helpers beside the handler's deletes, adjacent ones, ones with
// no edit inside and edits at their edges.
func TestComposeAllIsComposeEach(t *testing.T) {
	m, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	run := func(dir string, each bool) (stdout, stderr string) {
		t.Helper()
		composeEach = each
		defer func() { composeEach = false }()
		var out, errs bytes.Buffer
		codemod.Run(codemod.Options{Paths: []string{dir}, Jobs: 1, JSON: true, Migrator: m, Stdout: &out, Stderr: &errs})
		return out.String(), errs.String()
	}
	dirs, err := filepath.Glob("../fixtures/*/input")
	if err != nil || len(dirs) < 50 {
		t.Fatalf("fixture inputs: %v (%d)", err, len(dirs))
	}
	routes := map[string]string{
		"helpers.ts":  string(corpus.LargeHelpersRoute(20_000)),
		"deletes.js":  "function sendA(res, v) { res.json({ v }) }\n\nfunction handler(req, res) {\n  if (req.query.a) return sendA(res, 1);\n  sendB(res, req.query.b);\n}\n\nexport default handler;\n\nconst sendB = (res, v) => res.status(201).json({ v });\n",
		"adjacent.ts": "import type { NextApiRequest, NextApiResponse } from \"next\";\nfunction a(res: NextApiResponse) { res.status(404).end() }function b(res: NextApiResponse, req: NextApiRequest) { res.json(req.body) }\nexport default async function h(req: NextApiRequest, res: NextApiResponse) {\n  if (req.method === \"GET\") return a(res);\n  if (req.query.x) return n1(res);\n  if (req.query.y) return n2(res);\n  return b(res, req);\n}function c(res: NextApiResponse) { res.send(\"x\") }\nfunction n1(res: NextApiResponse) {}function n2(res: NextApiResponse) {}\n",
		"methods.ts":  "import type { NextApiRequest, NextApiResponse } from \"next\";\n\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  switch (req.method) {\n    case \"GET\":\n      return list(req, res);\n    case \"POST\":\n      return create(req, res);\n  }\n  res.status(405).end();\n}\n\n// list answers GET\nasync function list(req: NextApiRequest, res: NextApiResponse) {\n  res.setHeader(\"x-n\", String(req.query.n));\n  fail(res, 404);\n}\n\nasync function create(req: NextApiRequest, res: NextApiResponse) {\n  const { name } = req.body;\n  if (!name) return fail(res, 400);\n  res.status(201).json({ name });\n}\n\nfunction fail(res: NextApiResponse, status: number) {\n  res.status(status).json({ error: status });\n}\n",
	}
	gen := t.TempDir()
	for name, src := range routes {
		dir := filepath.Join(gen, strings.TrimSuffix(name, filepath.Ext(name)))
		if err := os.MkdirAll(filepath.Join(dir, "pages", "api"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "pages", "api", name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	for _, dir := range dirs {
		out, errs := run(dir, false)
		eachOut, eachErrs := run(dir, true)
		if out != eachOut || errs != eachErrs {
			t.Errorf("%s: composeAll and one compose per frame differ:\n%s%s\n---\n%s%s", dir, out, errs, eachOut, eachErrs)
		}
	}
	// the generated shape migrates whole: every helper returns its Response
	var rep struct {
		Files []struct {
			Path, Status, Diff string
		}
	}
	out, _ := run(filepath.Join(gen, "helpers"), false)
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Files) != 1 {
		t.Fatalf("report: %v %+v", err, rep)
	}
	f := rep.Files[0]
	helpers := strings.Count(routes["helpers.ts"], "\nfunction send")
	if f.Status != "migrated" || strings.Count(f.Diff, "\n+function send") != helpers || strings.Count(f.Diff, "\n+  return Response.json({ k: ") != helpers ||
		strings.Count(f.Diff, "(v);\n") != helpers {
		t.Errorf("%d helpers: %s\n%s", helpers, f.Status, f.Diff)
	}
	for _, l := range strings.Split(f.Diff, "\n") {
		if strings.HasPrefix(l, "+") && (strings.Contains(l, "res") || strings.Contains(l, "NextApi")) {
			t.Errorf("added line still has the pages response: %s", l)
		}
	}
}

// TestStartsASIHazard: what follows a line that no semicolon ends, comments
// aside.
func TestStartsASIHazard(t *testing.T) {
	for _, tt := range []struct {
		code string
		want bool
	}{
		{"(a)", true},
		{"  [1].map(f)", true},
		{"`x`", true},
		{"/re/.test(s)", true},
		{"return x", false},
		{"// TODO(routemod): x\n  return x", false},
		{"// note\n(a)", true},
		{"/* c */ [1]", true},
		{"/* c */ return", false},
		{"// only a comment", false},
		{"", false},
	} {
		if got := startsASIHazard(tt.code); got != tt.want {
			t.Errorf("startsASIHazard(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}
