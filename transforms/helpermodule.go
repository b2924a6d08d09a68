package transforms

import (
	"strings"

	"github.com/routemod/routemod/codemod"
)

// translate rewrites the needed helpers of the helper module mod, on f (a
// parse of mod.src): the request and response rules run on each as on a
// route's own helpers, then each is written as its app version, in place
// or beside the pages one under its new name, and the imports follow. It
// sets the last check, and returns, for each helper whose translation is
// not complete (a TODO marker in it), why. The plan's trial translations
// and the final edit (the driver's parse, in Settle's ProjectChange) run
// this same code.
//
//	export function sendError(res: NextApiResponse, status: number, message: string) { res.status(status).json({ error: message }) }
//	  => export function sendError(status: number, message: string) { return Response.json({ error: message }, { status }) }
//	export const unauthorized = (res: NextApiResponse) => sendError(res, 401, "Unauthorized")
//	  => export function unauthorized() { return sendError(401, "Unauthorized"); }
//	(a file that stays calls ok)  export function ok(res, data) { res.json(data) }
//	  => export function ok(res, data) { res.json(data) }  export function okResponse(data) { return Response.json(data); }
func (pl *helperPlan) translate(f *codemod.File, mod *helperModule) map[helperKey]string {
	m := newMigration(f)
	m.ix, m.plan, m.helperModule = pl.ix, pl, true
	failed := map[helperKey]string{}
	var frames []*frame
	var plans []*planned
	for _, p := range mod.helpers {
		if p.needed && p.reason == "" && !p.guard {
			m.projectFrame(p) // first, which are guards: a guard may call one defined below it
		}
	}
	for _, p := range mod.helpers {
		if !p.needed || p.reason != "" {
			continue
		}
		fr, why := m.projectFrame(p)
		if fr == nil {
			failed[p.key] = why
			continue
		}
		frames = append(frames, fr)
		plans = append(plans, p)
	}
	if len(frames) == 0 {
		return failed
	}
	m.helpers = frames
	m.h = frames[0].h
	m.findRemoteHelpers() // the planned helpers of other modules they call
	for _, fr := range frames {
		if fr.setting != nil {
			m.withFrame(fr, func() { m.guardHandsOn(fr.h, *fr.setting) })
		}
	}
	for _, t := range Catalog {
		if t.Name != "request" && t.Name != "response" {
			continue
		}
		f.SetTransform(t.Name)
		for i := len(frames) - 1; i >= 0; i-- {
			m.withFrame(frames[i], func() { t.run(m) })
		}
	}
	f.SetTransform("helper")
	for i, fr := range frames {
		p := plans[i]
		became := false
		for _, fn := range fr.funcs {
			became = became || fn.async && !fr.h.async // await req.json()
		}
		if fr.h.resIndex < 0 || fr.h.guard {
			p.async = became // its callers await it (helperreader.go, helperguard.go)
		} else if became {
			failed[p.key] = "reading the request body makes it async, and routemod awaits only request-reading and guard helpers"
		}
		name := fr.h.name
		fr.h.name = p.appName()
		m.withFrame(fr, func() {
			if err := m.compose(); err != nil {
				panic(err)
			}
		})
		fr.h.name = name
		composed := -1
		for k, e := range f.Edits() {
			if e.Start == fr.h.start && e.End == fr.h.end {
				composed = k
			}
		}
		if composed < 0 {
			failed[p.key] = "routemod could not write it"
			continue
		}
		text := f.Edits()[composed].New
		if k := strings.Index(text, codemod.TodoMarker); k >= 0 {
			failed[p.key] = "its body has what routemod cannot translate with the same meaning (" + strings.TrimSpace(strings.SplitN(text[k+len(codemod.TodoMarker):], "\n", 2)[0]) + ")"
		}
		doc := m.docOf(fr)
		if p.inPlace {
			switch {
			case doc == nil || f.TypeScript:
			case m.docGoes(fr, doc):
				// /** @param {import('next').NextApiResponse} res */ => (line removed)
				start, end := codemod.LineStart(m.src, doc.Start), codemod.LineStart(m.src, m.statementOf(fr.h).Start)
				if end <= doc.Start {
					start, end = doc.Start, m.statementOf(fr.h).Start
				}
				f.Replace(start, end, "")
			default:
				m.withFrame(fr, func() { m.rewriteJSDocComment(doc, true) })
			}
			continue
		}
		// beside: the pages version stays as it is, the app version follows it
		edits := f.Edits()
		e := edits[composed]
		f.SetEdits(append(edits[:composed:composed], edits[composed+1:]...))
		stmt := m.statementOf(fr.h)
		eol := f.Style.EOL
		lead := ""
		if doc != nil && !m.docGoes(fr, doc) {
			d, _ := m.withFrameDoc(fr, doc)
			lead = d + eol
		}
		f.Insert(stmt.End, eol+eol+lead+"export "+strings.TrimSuffix(e.New, eol))
	}
	f.SetTransform("types")
	rewriteTypes(m)
	f.Check = m.lastCheck()
	return failed
}

// projectFrame builds the frame of the planned helper p: one that sends
// (every return is a send, or a call of another planned helper that
// does); nil and why it stays otherwise.
func (m *migration) projectFrame(p *planned) (*frame, string) {
	stmt, fn := m.topLevelFunction(p.key.name)
	switch {
	case fn == nil:
		return nil, "routemod does not read its definition as a function"
	case fn.ChildOfKind("*") != nil:
		return nil, "it is a generator"
	}
	params := paramNames(m, fn)
	if p.resIndex >= len(params) || p.resIndex >= 0 && params[p.resIndex] == "" || p.reqIndex >= 0 && (p.reqIndex >= len(params) || params[p.reqIndex] == "") {
		return nil, "it takes the request or response in a pattern"
	}
	decl := stmt
	if stmt.Kind == "export_statement" {
		if d := stmt.ChildByField("declaration"); d != nil {
			decl = d
		}
	}
	h := &handler{fn: fn, body: fn.ChildByField("body"), name: p.key.name, start: decl.Start, end: decl.End,
		async: fn.ChildOfKind("async") != nil, helper: true, resIndex: p.resIndex, reqIndex: p.reqIndex}
	if p.reqIndex >= 0 {
		h.req = params[p.reqIndex]
	}
	if p.resIndex < 0 {
		return m.readerFrame(h, p), ""
	}
	h.res = params[p.resIndex]
	h.bodyType = m.bodyType(fn, p.resIndex)
	sendsAny, headers, status := m.resEffects(h)
	if headers && !sendsAny {
		if status {
			return nil, "it sets the status on the response, which it cannot hand back to its callers' Response"
		}
		return m.headerSetterFrame(h, p) // setCookie(res, ...) => setCookie(headers, ...)
	}
	sends := func(e *Node) bool { return isSendChain(m.src, e, h.res) || m.callsPlanned(e, h.res) }
	p.ownHeaders = headers
	fr := m.sendFrame(h, sends)
	if fr == nil {
		if why := m.guardShape(h, sends); why != "" {
			return nil, why
		}
		h.guard = true
		p.guard = true
		fr = &frame{h: h, funcs: []*outFunc{{parts: []part{m.bodyPart(h.body)}, tail: h.body}}, ends: map[*Node]bool{h.body: true}, call: p.appName(), ownHeaders: headers}
		p.what = "returns its value, or the Response it sent (callers test instanceof Response)"
		// req.auth = { token }; return true => const auth = { token }; return auth
		d, why := m.guardDecoration(h)
		if why != "" {
			return nil, why
		}
		p.sets = ""
		if d != nil {
			fr.setting, h.sets, p.sets = d, d.prop, d.prop
			p.what = "returns what it set on the request (req." + d.prop + "), or the Response it sent (callers test instanceof Response)"
		}
		if headers {
			if status {
				return nil, "it sets the status on the response on a path where it does not send, which it cannot hand back to its callers' Response"
			}
			// rateLimit(req, res) => rateLimit(req, headers): the headers it sets go on both paths
			h.headersParam, p.headers = true, true
			fr.funcs[0].headersVar = true
			p.what = "sets its headers on the Headers its callers pass, and returns its value or the Response it sent with them (callers test instanceof Response)"
		}
		return fr, ""
	}
	fr.call = p.appName()
	fr.ownHeaders = headers
	p.what = "returns the Response it sent"
	return fr, ""
}

// callsPlanned reports whether e (awaited or not) calls a planned send
// helper, of this module or another, handing it res.
func (m *migration) callsPlanned(e *Node, res string) bool {
	e = codemod.Unparen(e)
	if e != nil && e.Kind == "await_expression" {
		e = codemod.Unparen(e.NamedChildren()[0])
	}
	if e == nil || e.Kind != "call_expression" {
		return false
	}
	callee := e.ChildByField("function")
	if callee == nil || callee.Kind != "identifier" {
		return false
	}
	p := m.plan.helper(helperKey{m.f.Path, m.text(callee)})
	if p == nil {
		p = m.plannedFor(callee) // one of another module (unauthorized from lib/http.ts)
	}
	args := callArgs(e)
	return p != nil && !p.guard && !p.headers && p.resIndex >= 0 && p.resIndex < len(args) && isIdent(m.src, args[p.resIndex], res)
}

// statementOf returns the module-level statement that holds h's function.
func (m *migration) statementOf(h *handler) *Node {
	for _, st := range m.f.Root.Children {
		if st.Start <= h.start && h.end <= st.End {
			return st
		}
	}
	return h.fn
}

// docOf returns the doc comment right above a helper's statement, or nil.
func (m *migration) docOf(fr *frame) *Node {
	stmt := m.statementOf(fr.h)
	var doc *Node
	for _, st := range m.f.Root.Children {
		if st == stmt {
			break
		}
		doc = st
	}
	if doc == nil || doc.Kind != "comment" || !strings.HasPrefix(m.text(doc), "/**") || strings.TrimSpace(string(m.src[doc.End:stmt.Start])) != "" {
		return nil
	}
	return doc
}

// withFrameDoc is the doc comment of fr rewritten for its app version.
func (m *migration) withFrameDoc(fr *frame, doc *Node) (text string, left bool) {
	if m.f.TypeScript {
		return m.text(doc), false
	}
	m.withFrame(fr, func() { text, left = m.jsdocRewritten(doc, true) })
	return text, left
}

// docGoes reports whether the doc comment of fr is one line that documents
// nothing but the response parameter: it goes with that parameter.
func (m *migration) docGoes(fr *frame, doc *Node) bool {
	text := m.text(doc)
	if strings.Contains(text, "\n") || m.f.TypeScript || fr.h.headersParam {
		return false
	}
	inner := strings.TrimSuffix(strings.TrimPrefix(text, "/**"), "*/")
	var goes bool
	m.withFrame(fr, func() { goes = m.jsdocLineGoes(inner) })
	return goes
}
