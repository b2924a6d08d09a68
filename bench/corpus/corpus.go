// Package corpus generates synthetic Next.js projects with many
// pages-router API routes, for benchmarking routemod at scale.
//
// The project (package.json with next 16.4.6, tsconfig.json, lib/ helpers and
// N routes under pages/api in nested folders, with [id], [...slug] and index
// files) is a pure function of n and seed. The routes use the shapes routemod
// migrates: a method guard, an if/else-if chain on req.method with a 405
// else, a switch on req.method with fall-through and a 405 default, or no
// method check; reads of req.body, req.query (path segments and search
// params), req.headers and req.cookies; and res.status(n).json, res.send,
// res.setHeader, res.redirect and res.status(204).end(). About a quarter of
// the routes are .js, the rest .ts; each is roughly 40 to 80 lines.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// Generate writes the project to dir.
func Generate(dir string, n int, seed uint64) error {
	if _, err := os.Stat(filepath.Join(dir, "pages", "api")); err == nil {
		return fmt.Errorf("%s already has pages/api", dir)
	}
	files := Project(n, seed)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Project returns every file of the project, by slash path.
func Project(n int, seed uint64) map[string]string {
	files := map[string]string{
		"package.json":     packageJSON,
		"tsconfig.json":    tsconfigJSON,
		"next-env.d.ts":    nextEnv,
		"lib/db.ts":        libDB,
		"lib/auth.ts":      libAuth,
		"lib/validate.ts":  libValidate,
		"lib/log.ts":       libLog,
		"lib/http.ts":      libHTTP,
		".gitignore":       "node_modules\n.next\n",
		"pages/index.tsx":  "export default function Home() {\n  return <main>corpus</main>;\n}\n",
		"README.generated": fmt.Sprintf("routemod-corpus -n %d -seed %d\n", n, seed),
	}
	targets := map[string]bool{}
	for i := 0; i < n; i++ {
		r := rand.New(rand.NewPCG(seed, uint64(i)))
		rt := planRoute(r, i, targets)
		files[rt.path] = rt.render(r)
	}
	return files
}

var areas = []struct{ area, table, single string }{
	{"users", "users", "user"},
	{"orders", "orders", "order"},
	{"products", "products", "product"},
	{"teams", "teams", "team"},
	{"projects", "projects", "project"},
	{"billing", "invoices", "invoice"},
	{"admin", "accounts", "account"},
	{"content", "posts", "post"},
	{"social", "comments", "comment"},
	{"catalog", "categories", "category"},
	{"events", "events", "event"},
	{"support", "tickets", "ticket"},
	{"inventory", "items", "item"},
	{"crm", "contacts", "contact"},
	{"hr", "employees", "employee"},
	{"analytics", "reports", "report"},
}

var actions = []string{"stats", "summary", "export", "search", "archive", "publish", "status", "history", "preview", "settings", "sync", "activity", "health", "feed", "audit", "metrics"}

var subs = []string{"internal", "public", "v2", "batch", "tools", "legacy"}

// route is one planned route file.
type route struct {
	path     string // slash path from the project root
	table    string
	single   string
	param    string // dynamic [param] name, "" when none
	catchAll string // [...name] name, "" when none
	optional bool   // [[...name]]
	action   string // leaf name, "" for index/dynamic files
	ts       bool
}

// planRoute picks a unique path for route i. Each group of about six routes
// shares a collection folder; dynamic segments use one name per folder, and
// catch-alls live in folders of their own, as Next.js requires.
func planRoute(r *rand.Rand, i int, targets map[string]bool) route {
	a := areas[(i/6)%len(areas)]
	rt := route{table: a.table, single: a.single, ts: r.IntN(4) != 0}
	ext := ".ts"
	if !rt.ts {
		ext = ".js"
	}
	group := i / (6 * len(areas))
	base := "pages/api/" + a.area + "/" + a.table
	if group > 0 {
		base = fmt.Sprintf("pages/api/%s/%s/%s%d", a.area, subs[group%len(subs)], a.table, group)
	}
	// One dynamic param name per folder: derive it from the folder, not the route.
	idName := a.single + "Id"
	if len(base)%2 == 0 {
		idName = "id"
	}
	var rel string
	switch k := r.IntN(20); {
	case k < 4:
		rel = base + "/index" + ext
	case k < 9:
		rel = base + "/[" + idName + "]" + ext
		rt.param = idName
	case k < 12:
		rt.action = actions[r.IntN(len(actions))]
		rel = base + "/[" + idName + "]/" + rt.action + ext
		rt.param = idName
	case k < 14:
		name := []string{"slug", "path", "parts"}[r.IntN(3)]
		folder := []string{"files", "docs", "assets"}[r.IntN(3)]
		rt.catchAll = name
		if folder == "docs" {
			rt.optional = true
			rel = base + "/docs/[[..." + name + "]]" + ext
		} else {
			rel = base + "/" + folder + "/[..." + name + "]" + ext
		}
	default:
		rt.action = actions[r.IntN(len(actions))]
		rel = base + "/" + rt.action + ext
	}
	if targets[targetKey(rel)] || targetTaken(targets, rel) {
		rt.param, rt.catchAll, rt.optional = "", "", false
		rt.action = fmt.Sprintf("%s-%d", actions[r.IntN(len(actions))], i)
		rel = base + "/" + rt.action + ext
	}
	targets[targetKey(rel)] = true
	rt.path = rel
	return rt
}

// targetKey is the app-router path a route moves to, without its
// extension: route.ts and route.js in one folder would be one route.
func targetKey(rel string) string {
	t, _ := codemod.PlanTarget(rel)
	return strings.TrimSuffix(t, path.Ext(t))
}

// targetTaken reports a folder that already has a catch-all (or a catch-all
// folder that already has routes), which Next.js would refuse.
func targetTaken(targets map[string]bool, rel string) bool {
	dir := path.Dir(rel)
	if strings.HasSuffix(dir, "/files") || strings.HasSuffix(dir, "/docs") || strings.HasSuffix(dir, "/assets") {
		for t := range targets {
			if strings.HasPrefix(t, "app/"+strings.TrimPrefix(dir, "pages/")+"/") {
				return true
			}
		}
	}
	return false
}

// writer accumulates indented lines.
type writer struct {
	sb     strings.Builder
	indent int
}

func (w *writer) l(format string, args ...any) {
	if format == "" {
		w.sb.WriteString("\n")
		return
	}
	w.sb.WriteString(strings.Repeat("  ", w.indent))
	fmt.Fprintf(&w.sb, format, args...)
	w.sb.WriteString("\n")
}

func (w *writer) in()  { w.indent++ }
func (w *writer) out() { w.indent-- }

// gen renders one route.
type gen struct {
	rt   route
	r    *rand.Rand
	uses map[string]map[string]bool // lib module => names
	body writer
}

func (g *gen) use(mod, name string) string {
	if g.uses[mod] == nil {
		g.uses[mod] = map[string]bool{}
	}
	g.uses[mod][name] = true
	return name
}

// as appends a TypeScript cast in .ts files.
func (g *gen) as(expr, typ string) string {
	if g.rt.ts {
		return expr + " as " + typ
	}
	return expr
}

func (g *gen) pick(s ...string) string { return s[g.r.IntN(len(s))] }

func (rt route) render(r *rand.Rand) string {
	g := &gen{rt: rt, r: r, uses: map[string]map[string]bool{}}
	g.handler()
	var w writer
	w.l("// %s", strings.TrimPrefix(rt.path, "pages"))
	w.l("// Generated by routemod-corpus: %s %s.", g.pick("handles", "serves", "exposes"), rt.table)
	if rt.ts {
		w.l(`import type { NextApiRequest, NextApiResponse } from "next";`)
	}
	up := strings.Repeat("../", strings.Count(rt.path, "/"))
	mods := make([]string, 0, len(g.uses))
	for m := range g.uses {
		mods = append(mods, m)
	}
	sort.Strings(mods)
	for _, m := range mods {
		names := make([]string, 0, len(g.uses[m]))
		for n := range g.uses[m] {
			names = append(names, n)
		}
		sort.Strings(names)
		w.l(`import { %s } from "%slib/%s";`, strings.Join(names, ", "), up, m)
	}
	w.l("")
	g.preamble(&w)
	w.sb.WriteString(g.body.sb.String())
	return w.sb.String()
}

// preamble writes types, constants and pure helper functions.
func (g *gen) preamble(w *writer) {
	rt := g.rt
	typ := strings.ToUpper(rt.single[:1]) + rt.single[1:]
	if rt.ts {
		w.l("type %s = {", typ)
		w.in()
		w.l("id: string;")
		w.l("name: string;")
		w.l("status: %q | %q | %q;", "active", "archived", "draft")
		w.l("createdAt: string;")
		if g.r.IntN(2) == 0 {
			w.l("tags?: string[];")
		}
		w.out()
		w.l("};")
		w.l("")
		w.l("type ErrorBody = { error: string; code?: string };")
		w.l("")
	}
	w.l("const DEFAULT_LIMIT = %d;", 10+g.r.IntN(5)*10)
	w.l("const MAX_LIMIT = %d;", 100+g.r.IntN(3)*100)
	w.l("const ALLOWED_SORT = [%s];", quoteList(g.r, []string{"name", "createdAt", "status", "updatedAt", "priority"}, 2+g.r.IntN(3)))
	w.l("")
	if g.r.IntN(3) != 0 {
		if rt.ts {
			w.l("function clampLimit(value: unknown): number {")
		} else {
			w.l("function clampLimit(value) {")
		}
		w.in()
		w.l("const n = Number(value);")
		w.l("if (!Number.isFinite(n) || n <= 0) return DEFAULT_LIMIT;")
		w.l("return Math.min(Math.floor(n), MAX_LIMIT);")
		w.out()
		w.l("}")
		w.l("")
	} else {
		if rt.ts {
			w.l("const clampLimit = (value: unknown): number =>")
		} else {
			w.l("const clampLimit = (value) =>")
		}
		w.in()
		w.l("Math.min(Math.max(Number(value) || DEFAULT_LIMIT, 1), MAX_LIMIT);")
		w.out()
		w.l("")
	}
	if rt.ts {
		w.l("function present(item: %s) {", typ)
	} else {
		w.l("function present(item) {")
	}
	w.in()
	w.l("return {")
	w.in()
	w.l("id: item.id,")
	w.l("name: item.name,")
	w.l("status: item.status,")
	w.l("createdAt: item.createdAt,")
	if g.r.IntN(2) == 0 {
		w.l("tags: item.tags ?? [],")
	}
	w.l("href: `/%s/${item.id}`,", rt.table)
	w.out()
	w.l("};")
	w.out()
	w.l("}")
	w.l("")
	if g.r.IntN(2) == 0 {
		if rt.ts {
			w.l("function sortKey(value: unknown): string {")
		} else {
			w.l("function sortKey(value) {")
		}
		w.in()
		w.l(`return typeof value === "string" && ALLOWED_SORT.includes(value) ? value : ALLOWED_SORT[0];`)
		w.out()
		w.l("}")
		w.l("")
	} else {
		w.l("const sortKey = (value%s) =>", g.tsType(": unknown"))
		w.in()
		w.l(`typeof value === "string" && ALLOWED_SORT.includes(value) ? value : ALLOWED_SORT[0];`)
		w.out()
		w.l("")
	}
}

func (g *gen) tsType(t string) string {
	if g.rt.ts {
		return t
	}
	return ""
}

func quoteList(r *rand.Rand, from []string, n int) string {
	idx := r.Perm(len(from))[:n]
	sort.Ints(idx)
	var q []string
	for _, i := range idx {
		q = append(q, fmt.Sprintf("%q", from[i]))
	}
	return strings.Join(q, ", ")
}

// methodsFor picks the methods a route serves.
func (g *gen) methodsFor() []string {
	switch {
	case g.rt.param != "":
		return [][]string{{"GET", "PUT", "DELETE"}, {"GET", "PATCH"}, {"GET", "PUT", "PATCH", "DELETE"}, {"GET", "DELETE"}}[g.r.IntN(4)]
	case g.rt.catchAll != "":
		return [][]string{{"GET"}, {"GET", "POST"}}[g.r.IntN(2)]
	case g.rt.action != "":
		return [][]string{{"GET"}, {"POST"}, {"GET", "POST"}}[g.r.IntN(3)]
	}
	return [][]string{{"GET", "POST"}, {"GET"}, {"POST"}}[g.r.IntN(3)]
}

// handler writes the default-exported handler into g.body.
func (g *gen) handler() {
	w := &g.body
	rt := g.rt
	methods := g.methodsFor()
	shape := g.r.IntN(10)
	// shape 0-3: guard (single method), 4-6: if/else-if chain, 7-8: switch, 9: no method check.
	switch {
	case len(methods) == 1 && shape >= 4 && shape <= 8:
		shape = 0
	case len(methods) > 1 && shape <= 3:
		shape = 4 + shape%5
	}
	if len(methods) > 1 && shape == 9 {
		shape = 7
	}
	if rt.ts {
		resType := "NextApiResponse"
		if g.r.IntN(2) == 0 {
			resType = "NextApiResponse<" + strings.ToUpper(rt.single[:1]) + rt.single[1:] + " | ErrorBody | object>"
		}
		if g.r.IntN(5) == 0 {
			w.l("const handler = async (req: NextApiRequest, res: %s) => {", resType)
		} else {
			w.l("export default async function handler(req: NextApiRequest, res: %s) {", resType)
		}
	} else {
		if g.r.IntN(5) == 0 {
			w.l("const handler = async (req, res) => {")
		} else {
			w.l("export default async function handler(req, res) {")
		}
	}
	arrow := strings.HasPrefix(strings.TrimSpace(lastLine(w)), "const handler")
	w.in()
	if shape <= 3 {
		g.guard(methods[0])
	}
	g.prelude()
	switch {
	case shape <= 3 || shape == 9:
		g.method(methods[0])
	case shape <= 6:
		g.chain(methods)
	default:
		g.switchOn(methods)
	}
	w.out()
	if arrow {
		w.l("};")
		w.l("")
		w.l("export default handler;")
	} else {
		w.l("}")
	}
}

func lastLine(w *writer) string {
	s := strings.TrimSuffix(w.sb.String(), "\n")
	return s[strings.LastIndexByte(s, '\n')+1:]
}

func (g *gen) guard(method string) {
	w := &g.body
	if g.r.IntN(2) == 0 {
		w.l(`if (req.method !== %q) return res.status(405).json({ error: "Method Not Allowed" });`, method)
		return
	}
	w.l(`if (req.method !== %q) {`, method)
	w.in()
	w.l(`res.setHeader("Allow", %q);`, method)
	w.l(`return res.status(405).json({ error: %q });`, "Only "+method+" is supported")
	w.out()
	w.l("}")
}

// prelude reads path params, headers and cookies common to every method.
func (g *gen) prelude() {
	w := &g.body
	rt := g.rt
	if g.r.IntN(3) == 0 {
		w.l(`const requestId = req.headers["x-request-id"] ?? "none";`)
		g.use("log", "log")
		w.l(`log(%q, { requestId });`, rt.table+".request")
	}
	if g.r.IntN(3) == 0 {
		g.use("auth", "getSession")
		if g.r.IntN(2) == 0 {
			w.l("const session = await getSession(req.cookies.session);")
		} else {
			w.l("const session = await getSession(req.headers.authorization);")
		}
		w.l("if (!session) {")
		w.in()
		w.l(`return res.status(401).json({ error: "Unauthorized" });`)
		w.out()
		w.l("}")
	}
	switch {
	case rt.param != "":
		if g.r.IntN(2) == 0 {
			w.l("const { %s } = req.query;", rt.param)
		} else {
			w.l("const %s = %s;", rt.param, g.as("req.query."+rt.param, "string"))
		}
	case rt.catchAll != "":
		if rt.optional {
			w.l("const %s = (%s) || [];", rt.catchAll, g.as("req.query."+rt.catchAll, "string[]"))
		} else {
			w.l("const %s = %s;", rt.catchAll, g.as("req.query."+rt.catchAll, "string[]"))
		}
	}
}

// chain dispatches with if/else-if on req.method and a 405 else.
func (g *gen) chain(methods []string) {
	w := &g.body
	for i, m := range methods {
		if i == 0 {
			w.l("if (req.method === %q) {", m)
		} else {
			w.l("} else if (req.method === %q) {", m)
		}
		w.in()
		g.method(m)
		w.out()
	}
	w.l("} else {")
	w.in()
	w.l(`res.setHeader("Allow", [%s]);`, quoted(methods))
	if g.r.IntN(2) == 0 {
		w.l("return res.status(405).end(`Method ${req.method} Not Allowed`);")
	} else {
		w.l(`return res.status(405).json({ error: "Method Not Allowed" });`)
	}
	w.out()
	w.l("}")
}

// switchOn dispatches with switch (req.method), PUT falling through to PATCH.
func (g *gen) switchOn(methods []string) {
	w := &g.body
	w.l("switch (req.method) {")
	w.in()
	for i := 0; i < len(methods); i++ {
		m := methods[i]
		if m == "PUT" && i+1 < len(methods) && methods[i+1] == "PATCH" {
			w.l(`case "PUT":`)
			i++
			m = "PATCH"
		}
		w.l("case %q: {", m)
		w.in()
		g.method(m)
		w.out()
		w.l("}")
	}
	w.l("default:")
	w.in()
	w.l(`res.setHeader("Allow", [%s]);`, quoted(methods))
	w.l("return res.status(405).end(`Method ${req.method} Not Allowed`);")
	w.out()
	w.out()
	w.l("}")
}

func quoted(s []string) string {
	var q []string
	for _, m := range s {
		q = append(q, fmt.Sprintf("%q", m))
	}
	return strings.Join(q, ", ")
}

// method writes one method's body; it always ends by returning a response.
func (g *gen) method(m string) {
	w := &g.body
	rt := g.rt
	switch m {
	case "GET":
		switch {
		case rt.param != "":
			g.use("db", "findById")
			w.l("const item = await findById(%q, %s);", rt.table, g.as(rt.param, "string"))
			w.l("if (!item) {")
			w.in()
			w.l("return res.status(404).json({ error: `%s ${%s} not found` });", rt.single, rt.param)
			w.out()
			w.l("}")
			switch g.r.IntN(4) {
			case 0:
				w.l(`if (item.status === "archived") return res.redirect(308, `+"`/%s/${item.id}/archived`"+`);`, rt.table)
			case 1:
				w.l(`res.setHeader("ETag", ` + "`\"${item.id}\"`" + `);`)
			}
			if rt.action != "" {
				w.l("const %s = { id: item.id, action: %q, at: new Date().toISOString() };", camel(rt.action)+"Info", rt.action)
				w.l(`res.setHeader("Cache-Control", "private, max-age=%d");`, 10*(1+g.r.IntN(6)))
				w.l("return res.status(200).json({ ...present(%s), %s });", g.as("item", "any"), camel(rt.action)+"Info")
			} else {
				w.l(`res.setHeader("Cache-Control", "private, max-age=%d");`, 10*(1+g.r.IntN(6)))
				w.l("return res.status(200).json(present(%s));", g.as("item", "any"))
			}
		case rt.catchAll != "":
			g.use("db", "list")
			w.l(`const key = %s.join("/");`, rt.catchAll)
			w.l("if (!key) {")
			w.in()
			if rt.optional && g.r.IntN(2) == 0 {
				w.l(`return res.redirect("/%s");`, rt.table)
			} else {
				w.l(`return res.status(400).json({ error: "empty path" });`)
			}
			w.out()
			w.l("}")
			w.l("const items = await list(%q, { q: key, limit: clampLimit(req.query.limit) });", rt.table)
			if g.r.IntN(2) == 0 {
				w.l(`res.setHeader("Content-Type", "text/plain; charset=utf-8");`)
				w.l("return res.status(200).send(`${key}: ${items.length} match(es)`);")
			} else {
				w.l("return res.status(200).json({ key, depth: %s.length, items: items.map(present) });", rt.catchAll)
			}
		default:
			g.use("db", "list")
			w.l("const limit = clampLimit(req.query.limit);")
			w.l("const offset = Number(req.query.offset ?? 0);")
			w.l(`const q = %s || "";`, g.as("req.query.q", "string"))
			w.l("const sort = sortKey(req.query.sort);")
			if g.r.IntN(2) == 0 {
				w.l(`const locale = req.headers["accept-language"]?.split(",")[0] ?? "en";`)
			} else {
				w.l(`const locale = req.cookies["locale"] || "en";`)
			}
			w.l("const items = await list(%q, { limit, offset, q, sort });", rt.table)
			if rt.action == "export" || g.r.IntN(6) == 0 {
				w.l(`const csv = items.map((i) => ` + "`${i.id},${i.name}`" + `).join("\n");`)
				w.l(`res.setHeader("Content-Type", "text/csv");`)
				w.l(`res.setHeader("Content-Language", locale);`)
				w.l("return res.status(200).send(`id,name\\n${csv}`);")
				return
			}
			w.l(`res.setHeader("Content-Language", locale);`)
			w.l("return res.status(200).json({")
			w.in()
			w.l("items: items.map(present),")
			w.l("count: items.length,")
			w.l("next: items.length === limit ? offset + limit : null,")
			w.out()
			w.l("});")
		}
	case "POST":
		g.use("validate", "requireFields")
		fields := []string{"name", "status"}
		if g.r.IntN(2) == 0 {
			fields = append(fields, g.pick("email", "priority", "notes", "ownerId"))
		}
		w.l("const missing = requireFields(req.body, [%s]);", quoted(fields))
		w.l("if (missing) {")
		w.in()
		w.l("return res.status(400).json({ error: `${missing} is required`, code: \"invalid_body\" });")
		w.out()
		w.l("}")
		w.l("const { %s } = req.body;", strings.Join(fields, ", "))
		g.use("db", "create")
		if rt.catchAll != "" {
			w.l("const created = await create(%q, { %s, path: %s.join(\"/\") });", rt.table, strings.Join(fields, ", "), rt.catchAll)
		} else {
			w.l("const created = await create(%q, { %s });", rt.table, strings.Join(fields, ", "))
		}
		if g.r.IntN(2) == 0 {
			g.use("log", "log")
			w.l("log(%q, { id: created.id });", rt.table+".created")
		}
		if g.r.IntN(4) == 0 {
			w.l(`res.setHeader("Location", `+"`/api/%s/${created.id}`"+`);`, rt.table)
		}
		w.l("return res.status(201).json(present(%s));", g.as("created", "any"))
	case "PUT", "PATCH":
		g.use("db", "update")
		w.l("const changes = req.body;")
		w.l(`if (!changes || typeof changes !== "object") {`)
		w.in()
		w.l(`return res.status(400).json({ error: "expected a JSON object" });`)
		w.out()
		w.l("}")
		w.l("const updated = await update(%q, %s, changes);", rt.table, g.as(rt.param, "string"))
		w.l("if (!updated) return res.status(404).json({ error: `%s ${%s} not found` });", rt.single, rt.param)
		w.l("return res.status(200).json(present(%s));", g.as("updated", "any"))
	case "DELETE":
		g.use("db", "remove")
		w.l("const removed = await remove(%q, %s);", rt.table, g.as(rt.param, "string"))
		w.l("if (!removed) {")
		w.in()
		w.l("return res.status(404).json({ error: `%s ${%s} not found` });", rt.single, rt.param)
		w.out()
		w.l("}")
		w.l("return res.status(204).end();")
	}
}

func camel(s string) string {
	parts := strings.Split(s, "-")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

const packageJSON = `{
  "name": "routemod-corpus",
  "private": true,
  "scripts": {
    "dev": "next dev",
    "build": "next build",
    "start": "next start"
  },
  "dependencies": {
    "next": "16.4.6",
    "react": "19.2.0",
    "react-dom": "19.2.0"
  },
  "devDependencies": {
    "@types/node": "22.10.0",
    "@types/react": "19.2.0",
    "typescript": "5.9.3"
  }
}
`

const tsconfigJSON = `{
  "compilerOptions": {
    "target": "ES2022",
    "lib": ["dom", "dom.iterable", "esnext"],
    "allowJs": true,
    "skipLibCheck": true,
    "strict": false,
    "noEmit": true,
    "esModuleInterop": true,
    "module": "esnext",
    "moduleResolution": "bundler",
    "resolveJsonModule": true,
    "isolatedModules": true,
    "jsx": "preserve",
    "incremental": true,
    "plugins": [{ "name": "next" }]
  },
  "include": ["next-env.d.ts", "**/*.ts", "**/*.tsx", "**/*.js"],
  "exclude": ["node_modules"]
}
`

const nextEnv = `/// <reference types="next" />
/// <reference types="next/image-types/global" />
`

const libDB = `// An in-memory stand-in for a database client.
export type Row = {
  id: string;
  name: string;
  status: "active" | "archived" | "draft";
  createdAt: string;
  tags?: string[];
  [key: string]: unknown;
};

const tables = new Map<string, Map<string, Row>>();

function table(name: string): Map<string, Row> {
  let t = tables.get(name);
  if (!t) {
    t = new Map();
    tables.set(name, t);
  }
  return t;
}

export async function findById(name: string, id: string): Promise<Row | null> {
  return table(name).get(id) ?? null;
}

export async function list(
  name: string,
  opts: { limit?: number; offset?: number; q?: string; sort?: string } = {},
): Promise<Row[]> {
  const q = (opts.q ?? "").toLowerCase();
  const rows = [...table(name).values()].filter((r) => !q || r.name.toLowerCase().includes(q));
  const key = opts.sort ?? "name";
  rows.sort((a, b) => String(a[key]).localeCompare(String(b[key])));
  return rows.slice(opts.offset ?? 0, (opts.offset ?? 0) + (opts.limit ?? 20));
}

export async function create(name: string, data: Record<string, unknown>): Promise<Row> {
  const t = table(name);
  const row = { status: "draft", ...data, id: String(t.size + 1), createdAt: new Date().toISOString() } as Row;
  t.set(row.id, row);
  return row;
}

export async function update(name: string, id: string, data: Record<string, unknown>): Promise<Row | null> {
  const t = table(name);
  const row = t.get(id);
  if (!row) return null;
  const next = { ...row, ...data, id } as Row;
  t.set(id, next);
  return next;
}

export async function remove(name: string, id: string): Promise<boolean> {
  return table(name).delete(id);
}
`

const libAuth = `// Session lookup from a cookie or bearer token.
export type Session = { userId: string; role: "admin" | "member" };

export async function getSession(token?: string | string[]): Promise<Session | null> {
  const t = Array.isArray(token) ? token[0] : token;
  if (!t) return null;
  const raw = t.startsWith("Bearer ") ? t.slice(7) : t;
  if (raw.length < 8) return null;
  return { userId: raw.slice(0, 8), role: raw.endsWith("!") ? "admin" : "member" };
}

export function isAdmin(s: Session | null): boolean {
  return s?.role === "admin";
}
`

const libValidate = `// Minimal body validation.
export function requireFields(body: unknown, fields: string[]): string | null {
  if (!body || typeof body !== "object") return fields[0] ?? "body";
  for (const f of fields) {
    const v = (body as Record<string, unknown>)[f];
    if (v === undefined || v === null || v === "") return f;
  }
  return null;
}
`

const libLog = `// Structured logging.
export function log(event: string, data: Record<string, unknown> = {}): void {
  if (process.env.NODE_ENV === "test") return;
  console.log(JSON.stringify({ event, ...data, at: new Date().toISOString() }));
}
`

const libHTTP = `// Shared HTTP helpers.
export const JSON_HEADERS = { "Content-Type": "application/json" };

export function methodNotAllowed(allowed: string[]) {
  return { error: "Method Not Allowed", allowed };
}
`
