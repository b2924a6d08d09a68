package transforms

import (
	"regexp"
	"strings"
)

// formKind says what the code shows about the body pages parsed into req.body.
type formKind int

const (
	jsonBody  formKind = iota // nothing says form: await req.json()
	formBody                  // the body is a urlencoded form: decode(await req.text()), as pages parsed it
	mixedBody                 // the code checks the Content-Type for a form: JSON or form, marked
)

type formResult struct {
	kind formKind
	why  string
}

// formComment matches a comment that says the body is urlencoded.
var formComment = regexp.MustCompile(`(?i)x-www-form-urlencoded|url-?encoded|form-?encoded`)

// formFields are body fields only form-posting senders and protocols send:
// SAML assertion consumers (SAMLResponse, RelayState), OAuth 2 token
// endpoints (grant_type, code_verifier, client_assertion), Paddle Classic
// webhooks (p_signature, alert_name), Twilio webhooks (MessageSid,
// AccountSid, SmsSid), Slack slash commands and interactivity
// (response_url, trigger_id, team_domain).
var formFields = map[string]bool{
	"SAMLResponse": true, "RelayState": true, "SAMLRequest": true,
	"grant_type": true, "code_verifier": true, "client_assertion": true, "client_assertion_type": true,
	"p_signature": true, "alert_name": true,
	"MessageSid": true, "AccountSid": true, "SmsSid": true, "CallSid": true,
	"response_url": true, "trigger_id": true, "team_domain": true,
}

// formSenders are modules and header names of form-posting webhook senders.
var formSenders = regexp.MustCompile(`(?i)^["'](twilio|x-twilio-signature|paddle-sdk|@slack/bolt)["']$`)

// bodyForm reports what the file shows about the body's format, with the
// evidence, once per handler: a comment, querystring/qs/URLSearchParams use, a
// Content-Type test against a form type, a form-posting sender's module or
// header, or a field only forms carry.
//
//	// Twilio posts application/x-www-form-urlencoded => formBody
//	const { SAMLResponse, RelayState } = req.body     => formBody
//	if (req.headers["content-type"]?.includes("form")) => mixedBody
func (m *migration) bodyForm() (formKind, string) {
	if r, ok := m.formOf[m.h]; ok {
		return r.kind, r.why
	}
	kind, why := jsonBody, ""
	set := func(k formKind, w string) {
		if kind == jsonBody {
			kind, why = k, w
		}
	}
	contentType, formType := false, false
	m.f.Root.Walk(func(n *Node) bool {
		switch n.Kind {
		case "comment":
			if loc := formComment.FindString(m.text(n)); loc != "" {
				set(formBody, "a comment says the body is "+loc)
			}
		case "string":
			t := m.text(n)
			low := strings.ToLower(t)
			if formSenders.MatchString(t) {
				set(formBody, "the route uses "+t+", whose requests are forms")
			}
			if strings.Contains(low, "content-type") {
				contentType = true
			}
			if strings.Contains(low, "x-www-form-urlencoded") || strings.Contains(low, "multipart/form-data") || low == `"form"` || low == `'form'` {
				formType = true
			}
			if v, ok := stringValue(m.src, n); ok && formFields[v] && m.readsBodyField(n) {
				set(formBody, "the route reads "+v+", a field only form posts carry")
			}
		case "property_identifier", "shorthand_property_identifier_pattern":
			if t := m.text(n); formFields[t] && m.readsBodyField(n) {
				set(formBody, "the route reads "+t+", a field only form posts carry")
			}
		}
		return true
	})
	if contentType && formType {
		// the route takes JSON and forms alike: a Content-Type test decides
		kind, why = mixedBody, "the route tests the Content-Type for a form"
	}
	if m.formOf == nil {
		m.formOf = map[*handler]formResult{}
	}
	m.formOf[m.h] = formResult{kind, why}
	return kind, why
}

// readsBodyField reports whether n, a field name, is read from the body:
// req.body.X, req.body["X"], const { X } = req.body, or the same through a
// local holding req.body.
func (m *migration) readsBodyField(n *Node) bool {
	p := n.Parent
	if p == nil {
		return false
	}
	var obj *Node
	switch {
	case p.Kind == "member_expression" && n.Field == "property", p.Kind == "subscript_expression" && n.Field == "index":
		obj = p.ChildByField("object")
	case p.Kind == "object_pattern" || p.Kind == "pair_pattern" && n.Field == "key":
		pat := p
		if p.Kind == "pair_pattern" {
			pat = p.Parent
		}
		if pat == nil || pat.Parent == nil || pat.Parent.Kind != "variable_declarator" {
			return false
		}
		obj = pat.Parent.ChildByField("value")
	default:
		return false
	}
	return obj != nil && m.isBodyValue(obj)
}

// isBodyValue reports req.body, or a name declared from it (const data = req.body).
func (m *migration) isBodyValue(n *Node) bool {
	if _, prop, ok := member(m.src, n); ok && prop == "body" && isIdent(m.src, n.ChildByField("object"), m.h.req) {
		return true
	}
	if n.Kind != "identifier" {
		return false
	}
	name := m.text(n)
	found := false
	m.h.fn.Walk(func(d *Node) bool {
		if d.Kind == "variable_declarator" && isIdent(m.src, d.ChildByField("name"), name) {
			if v := d.ChildByField("value"); v != nil {
				if _, prop, ok := member(m.src, v); ok && prop == "body" && isIdent(m.src, v.ChildByField("object"), m.h.req) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// formRead is the expression that replaces a read of req.body when the
// body is a form: what pages did with it. Next.js 16 pages parsed an
// application/x-www-form-urlencoded body with querystring's decode (a field
// sent twice becomes an array) and passed any other body, multipart
// included, as text; decode over the body's text gives the same object for
// a form and no such fields for anything else (measured, e2e js/sms), where
// req.formData() parses multipart into File entries and throws (500) on a
// body that is not a form. Typed any (in .js by a JSDoc cast, for checkJs),
// as req.body was. When the file
// already names decode, URLSearchParams stands in (a field sent twice then
// keeps its last value: reported).
//
//	req.body.From (a Twilio webhook)   => /** @type {Record<string, any>} */ (decode(await req.text())).From (import { decode } from "querystring")
//	const { SAMLResponse } = req.body   => const { SAMLResponse } = decode(await req.text()) as Record<string, any> (.ts)
//	decode already declared in the file => Object.fromEntries(new URLSearchParams(await req.text()))
func (m *migration) formRead(at *Node) (read string, exact bool) {
	if m.idents["decode"] && !m.decodeImported {
		return "Object.fromEntries(new URLSearchParams(await " + m.h.req + ".text()))", false
	}
	m.decodeImported = true
	m.use("querystring", "decode", true)
	read = "decode(await " + m.h.req + ".text())"
	if !m.f.TypeScript {
		// the JSDoc cast keeps checkJs projects building, as req.body was any
		return "/** @type {Record<string, any>} */ (" + read + ")", true
	}
	read += " as Record<string, any>"
	if at != nil && !standsAlone(at) {
		read = "(" + read + ")"
	}
	return read, true
}

// textParseArg reports querystring.parse(req.body), qs.parse(req.body) and
// new URLSearchParams(req.body): the body read as urlencoded text.
func textParseArg(m *migration, mem *Node) bool {
	args := mem.Parent
	if args == nil || args.Kind != "arguments" || args.Parent == nil || len(callArgs(args.Parent)) == 0 || callArgs(args.Parent)[0] != mem {
		return false
	}
	call := args.Parent
	switch call.Kind {
	case "new_expression":
		return m.text(call.ChildByField("constructor")) == "URLSearchParams"
	case "call_expression":
		switch m.text(call.ChildByField("function")) {
		case "querystring.parse", "querystring.decode", "qs.parse":
			return true
		}
	}
	return false
}
