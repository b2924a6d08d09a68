package project

import (
	"fmt"
	"strings"
	"testing"
)

// brief prints a module as one comparable line per import and export.
func brief(m *Module) string {
	var l []string
	kinds := []string{"static", "reexport", "require", "dynamic", "mock"}
	for _, i := range m.Imports {
		s := fmt.Sprintf("%s %q", kinds[i.Kind], i.Spec)
		if i.Type {
			s += " type"
		}
		if i.Default != "" {
			s += " default=" + i.Default
		}
		if i.Namespace != "" {
			s += " ns=" + i.Namespace
		}
		if i.Star {
			s += " star"
		}
		for _, n := range i.Names {
			s += " " + n.Name + ">" + n.Local
			if n.Type {
				s += "(type)"
			}
		}
		l = append(l, s)
	}
	ek := []string{"value", "func", "class", "type", "forward"}
	for _, e := range m.Exports {
		s := fmt.Sprintf("export %s=%s %s", e.Name, e.Local, ek[e.Kind])
		if e.Call != "" {
			s += " call=" + e.Call + "(" + e.Arg + ")"
		}
		l = append(l, s)
	}
	if len(m.Funcs) > 0 {
		l = append(l, "funcs "+strings.Join(m.Funcs, ","))
	}
	return strings.Join(l, "; ")
}

// TestScan reads imports, exports and module-level functions from text.
func TestScan(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		// imports
		{`import x from "./a"`, `static "./a" default=x`},
		{`import x, { a as b, type c } from '@/lib/a';`, `static "@/lib/a" default=x a>b c>c(type)`},
		{`import * as ns from "m"`, `static "m" ns=ns`},
		{`import type { T } from "./t"`, `static "./t" type T>T`},
		{`import "./side"`, `static "./side"`},
		{`import x = require("./cjs")`, `require "./cjs"`},
		{`const db = require('../lib/db'); const { a } = require("b")`, `require "../lib/db"; require "b"`},
		{`async function f() { const m = await import("../pages/api/x") }`, `dynamic "../pages/api/x"; funcs f`},
		{`jest.mock("../pages/api/a"); vi.mock('./b', () => ({})); require.resolve("./c")`, `mock "../pages/api/a"; mock "./b"; mock "./c"`},
		{"import {\n  a,\n  b as c,\n} from \"./m\"", `static "./m" a>a b>c`},
		{"/** @param {import(\"@/pages/api/send\").Body} b\n * @returns {import('./t').T} */\nfunction f(b) {}", `dynamic "@/pages/api/send" type; dynamic "./t" type; funcs f`},
		// not imports
		{`const s = "import x from './no'"; // import y from "./no"`, ``},
		{"/* import x from './no'; import (\"./no\") */ const t = `import ${x} from './no'`", ``},
		{`const u = import.meta.url; obj.import("x"); x.require("y")`, ``},
		{"const r = /from \"x\"/g; import a from './a'", `static "./a" default=a`},
		{"const n = a / b / c; import a from './a'", `static "./a" default=a`},
		{"const t = `${`${require('./nested')}`}`", `require "./nested"`},
		{"const p = <p>Don't do it</p>\nconst q = import('./after')", `dynamic "./after"`}, // a misread stays on its line
		// exports
		{`export default function handler(req, res) {}`, `export default=handler func; funcs handler`},
		{`export default async function (req, res) {}`, `export default= func`},
		{`const h = (req, res) => {}; export default h;`, `export default=h value; funcs h`},
		{`export default withAuth(handler)`, `export default= value call=withAuth(handler)`},
		{`export default withA(withB(handler))`, `export default= value call=withA()`},
		{`export default async (req, res) => {}`, `export default= value`},
		{`export function a() {} export async function b() {} export const c = async (x: T): Promise<void> => {}, d = 1`, `export a=a func; export b=b func; export c=c func; export d=d value; funcs a,b,c`},
		{"export const LIMIT = 20\nexport const f = function () {}", `export LIMIT=LIMIT value; export f=f func; funcs f`},
		{`export const m: Record<string, number> = {}, n = 2`, `export m=m value; export n=n value`},
		{`export const { a, b: c } = obj`, `export a=a value; export c=c value`},
		{`export class C {} export type T = {a: 1}; export interface I {} export enum E {}`, `export C=C class; export T=T type; export I=I type; export E=E value`},
		{`const a = 1, b = 2; export { a, b as c }; export type { T }`, `export a=a value; export c=b value; export T=T type`},
		{`export { x as y, default } from "./m"; export * from "./n"; export * as ns from "./o"`, `reexport "./m" x>y default>default; reexport "./n" star; reexport "./o" ns=ns; export y=x forward; export default=default forward; export ns=* forward`},
		{`export type { T } from "./t"`, `reexport "./t" type T>T; export T=T type`},
		{`module.exports = handler; module.exports.config = cfg; exports.b = function () {}`, `export default=handler value; export config=cfg value; export b= value`},
		{`module.exports = withAuth(handler)`, `export default= value call=withAuth(handler)`},
		{`function helper() { export default x }`, `funcs helper`},
		{"export const a = x < y ? 1 : 2\nimport b from './b'", `static "./b" default=b; export a=a value`},
	} {
		if got := brief(Scan([]byte(tt.src))); got != tt.want {
			t.Errorf("Scan(%s)\n got: %s\nwant: %s", tt.src, got, tt.want)
		}
	}
}

// TestScanOffsets: an import's range is its specifier inside the quotes.
func TestScanOffsets(t *testing.T) {
	src := "import a from \"@/pages/api/x\";\nconst b = require('./y')"
	for _, imp := range Scan([]byte(src)).Imports {
		if got := src[imp.Start:imp.End]; got != imp.Spec {
			t.Errorf("range %d:%d = %q, want %q", imp.Start, imp.End, got, imp.Spec)
		}
	}
}
