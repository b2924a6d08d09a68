package transforms

import (
	"strings"
	"testing"

	"github.com/routemod/routemod/codemod"
)

// TestNetCheck feeds the last check output texts no rule has seen: it must
// mark every use of the removed res and of req as the pages request, and
// nothing else.
func TestNetCheck(t *testing.T) {
	get := []written{{name: "GET", req: "req", res: "res"}, {name: "POST", req: "req", res: "res"}}
	for _, tt := range []struct {
		name     string
		fns      []written
		in, want string
	}{
		{"free res", get,
			"export async function GET(req) {\n  res.status(200).json({ a: 1 });\n  return new Response();\n}\n",
			"export async function GET(req) {\n  // TODO(routemod): res here is the pages response object, which this route handler no longer has: build and return a Response instead (found by routemod's last check)\n  res.status(200).json({ a: 1 });\n  return new Response();\n}\n"},
		{"shorthand and spread", get,
			"export async function GET(req) {\n  await helper({ req, res });\n  const all = [...res];\n  return Response.json(all);\n}\n",
			"export async function GET(req) {\n  // TODO(routemod): res here is the pages response object, which this route handler no longer has: build and return a Response instead; req is used here as the pages request; it is now a NextRequest (a Web Request), not a Node IncomingMessage: check this use (found by routemod's last check)\n  await helper({ req, res });\n  // TODO(routemod): res here is the pages response object, which this route handler no longer has: build and return a Response instead (found by routemod's last check)\n  const all = [...res];\n  return Response.json(all);\n}\n"},
		{"a callback's own res", get,
			"export async function GET(req) {\n  const r = await fetch(u).then((res) => res.json());\n  for (const res of list) res.ok;\n  try { x() } catch (res) { log(res) }\n  return Response.json(r);\n}\n", ""},
		{"a module-level res is not the response", get,
			"const res = 1;\nexport function GET(req) {\n  return Response.json(res);\n}\n",
			"const res = 1;\nexport function GET(req) {\n  // TODO(routemod): res here is the pages response object, which this route handler no longer has: build and return a Response instead (found by routemod's last check)\n  return Response.json(res);\n}\n"},
		{"already marked", get,
			"export function GET(req) {\n  // TODO(routemod): res is passed on\n  send(res);\n  /* TODO(routemod): x */ send(\n    res);\n}\n", ""},
		{"NextRequest uses", get,
			"export async function GET(req) {\n  const { method, nextUrl } = req;\n  const a = req.headers.get(\"a\") ?? req.cookies.get(\"b\")?.value;\n  const h = new Headers(req.headers);\n  for (const [k] of req.headers) k;\n  return Response.json(await req.json());\n}\n", ""},
		{"Node request uses", get,
			"export function GET(req) {\n  const ip = req.socket.remoteAddress;\n  req.on(\"data\", f);\n  const c = req.headers.cookie;\n  const { query } = req;\n  return Response.json(verify(req));\n}\n",
			"export function GET(req) {\n  // TODO(routemod): req.socket is a pages request (Node IncomingMessage) member; req is now a NextRequest (found by routemod's last check)\n  const ip = req.socket.remoteAddress;\n  // TODO(routemod): req.on is a pages request (Node IncomingMessage) member; req is now a NextRequest (found by routemod's last check)\n  req.on(\"data\", f);\n  // TODO(routemod): req.headers is read as the pages object; it is now a Web Headers read with .get(name) (found by routemod's last check)\n  const c = req.headers.cookie;\n  // TODO(routemod): req is destructured as the pages request ({ query }); it is now a NextRequest (found by routemod's last check)\n  const { query } = req;\n  // TODO(routemod): req is used here as the pages request; it is now a NextRequest (a Web Request), not a Node IncomingMessage: check this use (found by routemod's last check)\n  return Response.json(verify(req));\n}\n"},
		{"every path returns", get,
			"export async function GET(req) {\n  if (a) {\n    return new Response(null, { status: 204 });\n  } else if (b) throw new Error();\n  else {\n    switch (c) {\n      case 1:\n      case 2:\n        return Response.json(1, { status: 404 });\n      default:\n        return Response.json(2);\n    }\n  }\n}\nexport function POST(req) {\n  while (true) {\n    if (x()) return new Response();\n  }\n}\n", ""},
		{"ends without a response", get,
			"export async function GET(req) {\n  if (a) {\n    return;\n  }\n  let status = 200;\n  status = 99;\n  if (b) return Response.json(1, { status: 900 });\n}\nexport function POST(req) {\n}\n",
			"export async function GET(req) {\n  if (a) {\n    // TODO(routemod): a bare return gives Next.js no Response, so it answers 500 (No response is returned from route handler); return the Response this path should send (found by routemod's last check)\n    return;\n  }\n  let status = 200;\n  // TODO(routemod): status 99: a Response takes a status from 200 to 599 and throws a RangeError on any other (Next.js answers 500) where pages sent 99; choose a status in range (found by routemod's last check)\n  status = 99;\n  // TODO(routemod): control can reach the end of this function without returning a Response, where Next.js answers 500: return a Response on every path; status 900: a Response takes a status from 200 to 599 and throws a RangeError on any other (Next.js answers 500) where pages sent 900; choose a status in range (found by routemod's last check)\n  if (b) return Response.json(1, { status: 900 });\n}\n// TODO(routemod): control can reach the end of this function without returning a Response, where Next.js answers 500: return a Response on every path (found by routemod's last check)\nexport function POST(req) {\n}\n"},
		{"functions routemod did not write are not judged", get,
			"function other(req, res) {\n  res.json(req.query);\n}\nexport function GET(request) {\n  return other;\n}\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := codemod.NewParser()
			defer p.Close()
			root, err := p.Parse([]byte(tt.in), false)
			if err != nil {
				t.Fatal(err)
			}
			out := &codemod.File{Path: "app/api/x/route.ts", Src: []byte(tt.in), Root: root, TypeScript: true, Style: codemod.DetectStyle([]byte(tt.in))}
			netCheck(tt.fns, map[string]bool{}, nil, false, "status")(out)
			sorted, err := codemod.SortEdits(out.Edits())
			if err != nil {
				t.Fatal(err)
			}
			got, err := codemod.ApplyEdits(out.Src, sorted)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if want == "" {
				want = tt.in
			}
			if string(got) != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestNetCatchesWhatNoRuleDid runs the catalogue without the response
// transform: every res use is left as it was, no rule marks it, and the
// last check alone must turn the file into needs-review, one marker a use.
func TestNetCatchesWhatNoRuleDid(t *testing.T) {
	src := "import type { NextApiRequest, NextApiResponse } from \"next\";\n\nexport default function handler(req: NextApiRequest, res: NextApiResponse) {\n  if (req.method !== \"POST\") {\n    return res.status(405).end();\n  }\n  res.setHeader(\"X-A\", \"1\");\n  return res.status(201).json({ ok: true });\n}\n"
	m, err := New([]string{"request", "config", "paths", "types"})
	if err != nil {
		t.Fatal(err)
	}
	p := codemod.NewParser()
	defer p.Close()
	r := codemod.MigrateSource(p, m, nil, "pages/api/x.ts", []byte(src), 16)
	if r.Status != codemod.StatusNeedsReview {
		t.Fatalf("status %s, want needs-review:\n%s", r.Status, r.Output())
	}
	var lines []string
	for _, l := range strings.Split(string(r.Output()), "\n") {
		if strings.Contains(l, "res.") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 2 || len(r.TODOs) != 2 {
		t.Fatalf("want the two res uses marked, got %d uses and TODOs %v:\n%s", len(lines), r.TODOs, r.Output())
	}
	for _, td := range r.TODOs {
		if !strings.Contains(td.Text, "last check") {
			t.Errorf("a marker not from the last check: %s", td.Text)
		}
	}
	if !strings.Contains(strings.Join(r.Transforms, ","), "check") {
		t.Errorf("transforms %v do not name the check", r.Transforms)
	}
}
