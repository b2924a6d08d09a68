package project

import (
	"fmt"
	"strings"
	"testing"
)

// TestHelpers reads which parameters a module-level function uses as an
// object or hands on.
func TestHelpers(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{`export function sendError(res, code, msg) { res.status(code).json({ error: msg }) }`,
			`sendError(res[status,json] code msg)`},
		{`export const ok = (res: NextApiResponse, data: unknown) => res.status(200).json(data)`,
			`ok(res[status,json] data)`},
		{`export async function requireUser(req, res) { const u = await getSession(req); if (!u) { unauthorized(res); return null } return u }`,
			`requireUser(req>getSession/0 res>unauthorized/0)`},
		{`const ip = req => req.headers["x-forwarded-for"] ?? req.socket?.remoteAddress`,
			`ip(req[headers,socket])`},
		{`export default function withAuth(handler) { return async (req, res) => { if (!req.cookies.s) return res.status(401).end(); return handler(req, res) } }`,
			``}, // the inner arrow's parameters are not the wrapper's
		{`function pass(a, { b }, ...rest) { log(a, 1); other.call(a) }`, `pass(a>log/0  )`},
		{`function f(x) { return x + 1 }`, ``},
		{`function g(res): Promise<void> { return send(res, 1) }`, `g(res>send/0)`},
		{`function h(res, ok = true) { if (ok) { return reply([res], res) } }`, `h(res>reply/1 ok)`},
	} {
		var got []string
		for _, f := range Scan([]byte(tt.src)).Helpers {
			var ps []string
			for _, p := range f.Params {
				s := p.Name
				if len(p.Members) > 0 {
					s += "[" + strings.Join(p.Members, ",") + "]"
				}
				for _, x := range p.Passed {
					s += fmt.Sprintf(">%s/%d", x.Callee, x.Arg)
				}
				ps = append(ps, s)
			}
			got = append(got, f.Name+"("+strings.Join(ps, " ")+")")
		}
		if g := strings.Join(got, "; "); g != tt.want {
			t.Errorf("Scan(%s).Helpers\n got: %s\nwant: %s", tt.src, g, tt.want)
		}
	}
}

// TestHandles follows req and res through helpers, across modules.
func TestHandles(t *testing.T) {
	me := "import { requireUser, requireUser as guard } from '@/lib'\nimport { sendError, noop } from '../../lib/http'\n" + handler
	ix := build(t, map[string]string{
		"tsconfig.json":   `{"compilerOptions": {"paths": {"@/*": ["./*"]}}}`,
		"lib/http.ts":     "export function sendError(res, code, msg) { res.status(code).json({ error: msg }) }\nexport const unauthorized = (res) => sendError(res, 401, 'no')\nexport function noop(x) { return x }",
		"lib/session.ts":  "export async function getSession(request) { return parse(request.headers.cookie) }",
		"lib/auth.ts":     "import { getSession } from './session'\nimport { unauthorized } from '@/lib/http'\nexport async function requireUser(req, res) { const u = await getSession(req); if (!u) { unauthorized(res); return null } return u }",
		"lib/index.ts":    `export * from "./auth"`,
		"pages/api/me.ts": me,
	})
	for _, tt := range []struct {
		callee string
		arg    int
		want   string
	}{
		{"sendError", 0, "sendError (lib/http.ts) uses it as the response (status, json)"},
		{"requireUser", 0, "requireUser (lib/auth.ts) hands it to getSession (lib/session.ts), which uses it as the request"},
		{"requireUser", 1, "requireUser (lib/auth.ts) hands it to unauthorized (lib/http.ts), which uses it as the response"},
		{"noop", 0, "noop (lib/http.ts) does not use it as a pages request or response that routemod can see"},
		{"missing", 0, "unknown"},
		{"guard", 1, "guard (requireUser in lib/auth.ts) hands it to unauthorized (lib/http.ts), which uses it as the response"},
	} {
		got := "unknown"
		if f, n, uses, ok := ix.Handles("pages/api/me.ts", Scan([]byte(me)), tt.callee); ok {
			got = Describe(tt.callee, f, n, uses, tt.arg)
		}
		if got != tt.want {
			t.Errorf("Handles(%s, %d) = %q, want %q", tt.callee, tt.arg, got, tt.want)
		}
	}
}
