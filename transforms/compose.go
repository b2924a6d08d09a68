package transforms

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// compose folds the handler and every edit inside it into one edit that
// writes the output functions in its place:
//
//	export default async function handler(req, res) {...} => export async function GET(req: NextRequest) {...}
//	one function, several methods                           => async function handler(...) {...}; export { handler as GET, handler as POST }
func (m *migration) compose() error {
	sorted, err := codemod.SortEdits(m.f.Edits())
	if err != nil {
		return err
	}
	i, j, err := m.frameEdits(sorted)
	if err != nil {
		return err
	}
	composed, deletes, err := m.composeFrame(sorted[i:j])
	if err != nil {
		return err
	}
	outside := append(sorted[:i:i], sorted[j:]...)
	m.f.SetEdits(append(append(outside, composed), deletes...))
	return nil
}

// frameEdits returns the edits of sorted (as SortEdits sorts them) that
// lie inside the current frame's range, sorted[i:j] (when none, i == j is
// where an edit of that range sorts), or a conflict with the first edit
// that straddles the range. An insertion at either end of the range is
// outside it.
func (m *migration) frameEdits(sorted []codemod.Edit) (i, j int, err error) {
	h := m.h
	// sorted edits do not overlap: only the last that starts before the
	// range can reach into it, and none that starts at or past its end
	lo := max(sort.Search(len(sorted), func(k int) bool { return sorted[k].Start >= h.start })-1, 0)
	hi := sort.Search(len(sorted), func(k int) bool { return sorted[k].Start >= h.end })
	i, j = -1, -1
	for k := lo; k < hi; k++ {
		e := sorted[k]
		switch {
		case e.End <= h.start || e.Start >= h.end:
			if i >= 0 && j < 0 {
				j = k
			}
		case e.Start >= h.start && e.End <= h.end:
			if j >= 0 {
				panic("compose: the edits inside a range are not consecutive")
			}
			if i < 0 {
				i = k
			}
		default:
			return 0, 0, &codemod.ConflictError{A: codemod.Edit{Start: h.start, End: h.end, By: "handler"}, B: e}
		}
	}
	switch {
	case i < 0: // none inside: after the insertions at its start
		i = sort.Search(len(sorted), func(k int) bool {
			e := sorted[k]
			return e.Start > h.start || e.Start == h.start && e.End > e.Start
		})
		j = i
	case j < 0:
		j = hi
	}
	return i, j, nil
}

// composeFrame writes the current frame's output functions, with the
// edits inside its range (sorted), as one edit replacing that range; and
// the edits that delete what goes with it (export default h).
func (m *migration) composeFrame(inside []codemod.Edit) (composed codemod.Edit, deletes []codemod.Edit, err error) {
	f, h := m.f, m.h
	eol, ind := f.Style.EOL, f.Style.Indent
	base := h.indent // the indentation of the function's own line: "" at the top level
	keep := m.inTemplate()
	var sb strings.Builder
	for i, fn := range m.funcs {
		if i > 0 {
			sb.WriteString(eol + eol)
		}
		if i == 0 && h.lead != "" && !h.helper && h.ctx == "" {
			sb.WriteString("// " + codemod.TodoMarker + " " + h.lead + eol)
		}
		name := h.name
		if !h.helper {
			name = fn.methods[0]
		}
		if !h.helper && len(m.funcs) == 1 && len(fn.methods) > 1 && m.chain == nil {
			name = h.name
			if name == "" || isHTTPMethod(name) {
				name = m.name("handler", "handler", "routeHandler")
			}
		}
		var head strings.Builder
		if !h.helper && (i > 0 && m.reqTypedByJSDoc() || h.typeDoc) {
			// the handler's JSDoc stays above the first function (a JSDoc @type of it goes with the handler);
			// checkJs types the others' parameters by their own
			head.WriteString(m.jsdocFor(fn))
		}
		wrapped := len(h.wraps) > 0 && !h.helper && h.ctx == ""
		sentry := h.libWrap != nil && !h.helper && h.ctx == ""
		sentryOne := sentry && len(fn.methods) == 1 && isHTTPMethod(name)
		if sentry && !sentryOne && isHTTPMethod(name) {
			// export { PUT as PATCH } wrapped per method => async function handlePut(...) {...}
			name = m.name("sentry-"+name, "handle"+name[:1]+strings.ToLower(name[1:]), name+"Handler")
		}
		if isHTTPMethod(name) {
			head.WriteString("export ")
		}
		if wrapped {
			// export const GET = withAuth(async function GET(req) {...});
			head.WriteString("const " + name + " = " + m.wrapPrefix())
		}
		if sentryOne {
			// export const GET = wrapRouteHandlerWithSentry(async function GET(req) {...}, { method: "GET", parameterizedRoute: "/api/x" });
			// export const GET = withApiAuthRequired(async function GET(req) {...});
			head.WriteString("const " + name + " = " + h.libWrap.callee + "(")
		}
		if fn.async || h.async {
			head.WriteString("async ")
		}
		if h.ctx != "" {
			// a wrapper's request handler: async (req, res) => { => async (req: NextRequest, ctx: C) => {
			head.Reset()
			head.WriteString(m.wrapperHead(fn.async || h.async) + eol)
		} else {
			tparams := ""
			if tp := h.fn.ChildByField("type_parameters"); h.helper && tp != nil {
				tparams = m.text(tp) // function ok<T>(res, data: T) => function ok<T>(data: T)
			}
			head.WriteString("function " + name + tparams + "(" + m.signature(fn) + ")" + m.readerReturnType(fn) + " {" + eol)
		}
		var body strings.Builder
		prologue := sortedPrologue(fn.prologue)
		for _, p := range fn.parts {
			if p.end <= p.start {
				continue
			}
			target := base + ind + strings.Repeat(ind, p.nest)
			if fn.guard != nil {
				target += ind
			}
			if p.block {
				target += ind
			}
			ri := codemod.Reindent{Keep: keep}
			if len(p.base) >= len(target) {
				ri.Strip = len(p.base) - len(target)
			} else {
				ri.Add = target[len(p.base):]
			}
			text, err := codemod.CopyRange(m.src, p.start, p.end, inside, ri)
			if err != nil {
				return codemod.Edit{}, nil, err
			}
			if p.inline {
				text = target + strings.TrimSpace(text)
			}
			if p.block {
				if !strings.HasSuffix(text, "\n") {
					text += eol
				}
				text = target[len(ind):] + "{" + eol + text + target[len(ind):] + "}" + eol
			}
			if prev := strings.TrimRight(body.String(), " \t\r\n"); prev != "" && !strings.ContainsRune(";{}", rune(prev[len(prev)-1])) && startsASIHazard(text) {
				// (a)\n/re/ would read as a division once the code between is gone
				k := len(text) - len(strings.TrimLeft(text, " \t\r\n"))
				text = text[:k] + ";" + text[k:]
			}
			body.WriteString(text)
			if !strings.HasSuffix(text, "\n") {
				body.WriteString(eol)
			}
		}
		in := base + ind // the indentation of the function's statements
		if fn.guard != nil {
			in += ind
		}
		if fn.expr != nil {
			text, err := codemod.CopyRange(m.src, fn.expr.Start, fn.expr.End, inside, codemod.Reindent{Keep: keep})
			if err != nil {
				return codemod.Edit{}, nil, err
			}
			body.WriteString(in + "return " + text + m.semi() + eol)
		}
		for _, l := range fn.lines {
			body.WriteString(in + l + eol)
		}
		if c := fn.guard; c != nil {
			// { code } => { try { code } catch (err) { return onError(err, req) } }
			var tb strings.Builder
			tb.WriteString(base + ind + "try {" + eol + body.String() + base + ind + "} catch (" + c.param + ") {" + eol)
			for _, l := range c.lines {
				tb.WriteString(in + l + eol)
			}
			tb.WriteString(base + ind + "}" + eol)
			body.Reset()
			body.WriteString(tb.String())
		}
		if len(m.funcs) > 1 {
			// the split used the method; a function may no longer read its alias
			text := m.dropUnusedAliases(body.String())
			body.Reset()
			body.WriteString(text)
		}
		if len(prologue) > 0 {
			var pl strings.Builder
			for i, p := range prologue {
				line := p.line
				if i == len(prologue)-1 && !strings.HasSuffix(line, ";") && startsASIHazard(body.String()) {
					line += ";" // const headers = new Headers()\n[a].map(...) would read as one expression
				}
				pl.WriteString(base + ind + line + eol)
			}
			rest := body.String()
			body.Reset()
			body.WriteString(pl.String() + rest)
		}
		if helper := m.delegate(fn, body.String()); helper != "" && isHTTPMethod(name) && !wrapped && !sentry {
			// case "GET": return getUser(req, res) => export { getUser as GET }
			var aliases []string
			for _, meth := range fn.methods {
				aliases = append(aliases, helper+" as "+meth)
			}
			sb.WriteString("export { " + strings.Join(aliases, ", ") + " }" + m.semi())
			continue
		}
		sb.WriteString(head.String() + body.String() + base + "}")
		if h.ctx != "" {
			continue
		}
		if wrapped {
			sb.WriteString(m.wrapSuffix() + m.semi())
		}
		m.written = append(m.written, written{name: name, req: h.req, res: h.res, reader: h.helper && (h.resIndex < 0 || h.headersParam && !h.guard) && m.helperModule})
		if sentryOne {
			sb.WriteString(h.libWrap.args(name) + ")" + m.semi())
			continue
		}
		if sentry {
			// async function handler(req) {...}; export const GET = wrapRouteHandlerWithSentry(handler, { method: "GET", ... }); ...
			for _, meth := range fn.methods {
				sb.WriteString(eol + eol + "export const " + meth + " = " + h.libWrap.callee + "(" + name + h.libWrap.args(meth) + ")" + m.semi())
			}
			continue
		}
		var aliases []string
		for _, meth := range fn.methods {
			if meth != name {
				aliases = append(aliases, name+" as "+meth)
			}
		}
		if len(aliases) > 0 {
			sb.WriteString(eol + eol + "export { " + strings.Join(aliases, ", ") + " }" + m.semi())
		}
	}
	if h.end < len(m.src) && m.src[h.end] != '\n' && m.src[h.end] != '\r' && h.ctx == "" {
		sb.WriteString(eol) // code right after the handler on its line (`}0`) starts a new line
	}
	composed = codemod.Edit{Start: h.start, End: h.end, New: sb.String(), By: m.composedBy(inside)}
	for _, d := range h.deletes {
		deletes = append(deletes, m.deleteStatement(d))
	}
	return composed, deletes, nil
}

// deleteStatement is the edit removing a top-level statement: its lines
// when it has them to itself, and one blank line it leaves behind.
func (m *migration) deleteStatement(d *Node) codemod.Edit {
	start, end := d.Start, d.End
	if onlySpaceBefore(m.src, start) && onlySpaceAfter(m.src, end) {
		start, end = codemod.LineStart(m.src, start), lineEnd(m.src, end)
		// drop one blank line left behind (between two blank lines, or before EOF)
		if start > 0 && strings.TrimSpace(string(m.src[codemod.LineStart(m.src, start-1):start])) == "" && (end == len(m.src) || strings.TrimSpace(string(m.src[end:lineEnd(m.src, end)])) == "") {
			start = codemod.LineStart(m.src, start-1)
		}
	}
	return codemod.Edit{Start: start, End: end, By: "handler"}
}

// composedBy names the transforms whose edits the composed edit carries.
func (m *migration) composedBy(inside []codemod.Edit) string {
	names := []string{"handler"}
	seen := map[string]bool{"handler": true}
	for _, e := range inside {
		if !seen[e.By] {
			seen[e.By] = true
			names = append(names, e.By)
		}
	}
	return strings.Join(names, "+")
}

// signature writes an output function's parameters.
//
//	(req: NextApiRequest, res: NextApiResponse) => (req: NextRequest)
//	req.query.id in pages/api/users/[id].ts     => (req: NextRequest, { params }: { params: Promise<{ id: string }> })
func (m *migration) signature(fn *outFunc) string {
	if m.h.helper {
		return m.helperSignature(fn)
	}
	req := m.h.req
	if m.f.TypeScript {
		m.use("next/server", "NextRequest", false)
		req += ": NextRequest"
	}
	decor := m.decorationParam(fn)
	if len(m.h.extras) > 0 || decor != "" {
		// withProject(async (req, res, project) => ...) => (req: NextRequest, _ctx: unknown, project)
		// withAuth(async (req, res) => { req.user }) => (req: NextRequest, _ctx: unknown, { user })
		ctx := "_ctx"
		if fn.params {
			ctx = m.contextParam()
		} else if m.f.TypeScript {
			ctx += ": unknown"
		}
		for _, p := range m.h.extras {
			ctx += ", " + m.text(p)
		}
		if decor != "" {
			for i := len(m.h.extras); i < m.h.wraps[len(m.h.wraps)-1].w.extras; i++ {
				ctx += ", " + m.name("extra:"+strconv.Itoa(i), "_extra"+strconv.Itoa(i+1))
			}
			ctx += ", " + decor
		}
		return req + ", " + ctx
	}
	if !fn.params {
		return req
	}
	return req + ", " + m.contextParam()
}

// readerReturnType is the return type a request-reading helper keeps: it
// returns what it returned (getUser(req): Promise<User | null>), unless
// its app version became async or the type names a pages type; "" for
// any other function (a send or guard helper now returns a Response).
//
//	async function getUser(req: NextApiRequest): Promise<User | null> => async function getUserApp(req: NextRequest): Promise<User | null>
func (m *migration) readerReturnType(fn *outFunc) string {
	h := m.h
	if !h.helper || h.resIndex >= 0 || h.guard || !m.f.TypeScript {
		return ""
	}
	rt := h.fn.ChildByField("return_type")
	if rt == nil || (fn.async || h.async) != (h.fn.ChildOfKind("async") != nil) || strings.Contains(m.text(rt), "NextApi") {
		return ""
	}
	return m.text(rt)
}

// paramsType is the TypeScript type of the route params.
//
//	pages/api/a/[id]/[...rest].ts => Promise<{ id: string; rest: string[] }> ({ ... } before Next.js 15)
//	pages/api/[...ts-rest].ts      => Promise<{ "ts-rest": string[] }>
func (m *migration) paramsType() string {
	var fields []string
	for _, s := range m.f.Segments {
		switch {
		case s.Optional:
			fields = append(fields, propKey(s.Name)+"?: string[]")
		case s.CatchAll:
			fields = append(fields, propKey(s.Name)+": string[]")
		default:
			fields = append(fields, propKey(s.Name)+": string")
		}
	}
	typ := "{ " + strings.Join(fields, "; ") + " }"
	if m.f.NextMajor >= 15 {
		typ = "Promise<" + typ + ">"
	}
	return typ
}

// paramsName is the local name of the route params.
func (m *migration) paramsName() string { return m.name("params", "params", "routeParams") }

// semi returns ";" unless the file leaves statements without semicolons.
func (m *migration) semi() string {
	if m.semicolon == nil {
		s := m.detectSemi()
		m.semicolon = &s
	}
	return *m.semicolon
}

func (m *migration) detectSemi() string {
	with, without := 0, 0
	for _, st := range m.f.Root.Children {
		switch st.Kind {
		case "import_statement", "expression_statement", "lexical_declaration", "variable_declaration", "export_statement":
			if strings.HasSuffix(strings.TrimSpace(m.text(st)), ";") {
				with++
			} else if st.Kind != "export_statement" {
				without++
			}
		}
	}
	if without > with {
		return ""
	}
	return ";"
}

// inTemplate reports whether an offset lies inside a template literal,
// whose lines are never re-indented.
func (m *migration) inTemplate() func(int) bool {
	if m.templates == nil { // once per file, not per composed function or send
		m.templates = [][2]int{}
		m.f.Root.Walk(func(n *Node) bool {
			if n.Kind == "template_string" {
				m.templates = append(m.templates, [2]int{n.Start, n.End})
				return false
			}
			return true
		})
	}
	ranges := m.templates
	return func(off int) bool {
		// the ranges are in file order and do not nest: only the last
		// that starts before off can hold it
		k := sort.Search(len(ranges), func(i int) bool { return ranges[i][0] >= off }) - 1
		return k >= 0 && off < ranges[k][1]
	}
}

// delegateRE matches a function body that only returns a helper's result.
var delegateRE = regexp.MustCompile(`^\s*return (?:await )?([A-Za-z_$][\w$]*)\(([A-Za-z_$][\w$]*)(, \{ params(?:: [\w$]+)? \})?\);?\s*$`)

// delegate returns the converted helper an output function only hands the
// request to, when the helper takes exactly the route handler's arguments,
// so the helper itself can be the export; "" otherwise.
func (m *migration) delegate(fn *outFunc, body string) string {
	if m.h.helper || len(fn.prologue) > 0 {
		return ""
	}
	sm := delegateRE.FindStringSubmatch(body)
	if sm == nil || sm[2] != m.h.req {
		return ""
	}
	for _, fr := range m.helpers {
		if fr.h.name != sm[1] || fr.h.reqIndex != 0 || fr.h.resIndex != 1 || len(paramNodes(fr.h.fn)) != 2 {
			continue
		}
		needs := false
		for _, f := range fr.funcs {
			needs = needs || f.params
		}
		if needs == (sm[3] != "") {
			return fr.h.name
		}
	}
	return ""
}

// startsASIHazard reports whether code begins, comments aside, with a
// character that would continue the previous line's expression where no
// semicolon ends it.
func startsASIHazard(code string) bool {
	t := strings.TrimLeft(code, " \t\r\n")
	for {
		switch {
		case strings.HasPrefix(t, "//"):
			k := strings.IndexByte(t, '\n')
			if k < 0 {
				return false
			}
			t = strings.TrimLeft(t[k:], " \t\r\n")
			continue
		case strings.HasPrefix(t, "/*"):
			k := strings.Index(t[2:], "*/")
			if k < 0 {
				return false
			}
			t = strings.TrimLeft(t[k+4:], " \t\r\n")
			continue
		}
		return t != "" && strings.ContainsRune("([`+-/", rune(t[0]))
	}
}
