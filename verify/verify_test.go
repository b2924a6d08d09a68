package verify

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// hdr builds a header from "Name: value" lines.
func hdr(lines ...string) http.Header {
	h := http.Header{}
	for _, l := range lines {
		k, v, _ := strings.Cut(l, ": ")
		h.Add(k, v)
	}
	return h
}

func body(s string) []byte { return append([]byte{}, s...) }

const appVary = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch"

// TestClassify: a request and a pair of answers (pages => app) => the verdict.
func TestClassify(t *testing.T) {
	get := &Request{Method: "GET", Header: hdr()}
	tests := []struct {
		name      string
		req       *Request
		pages     Response
		app       Response
		class     Class
		kinds     []string // Verdict.Kinds, in the order of Differences
		diffLines []string // lines Verdict.Diff must hold
	}{
		{
			name:  "same answer, framing and app-router Vary aside => identical",
			req:   get,
			pages: Response{200, hdr("Content-Type: application/json", "Content-Length: 11", "Date: Mon, 07 Dec 2026 23:00:00 GMT", "Connection: keep-alive"), `{"ok":true}`},
			app:   Response{200, hdr("Content-Type: application/json", "Transfer-Encoding: chunked", "Date: Mon, 07 Dec 2026 23:00:01 GMT", "Vary: "+appVary), `{"ok":true}`},
			class: Identical,
			kinds: []string{"volatile-headers", "app-router-vary"},
		},
		{
			name:  "res.json => Response.json: ETag and charset => expected",
			req:   get,
			pages: Response{200, hdr("Content-Type: application/json; charset=utf-8", `ETag: "b-abc"`), `{"id":1}`},
			app:   Response{200, hdr("Content-Type: application/json", "Vary: "+appVary), `{"id":1}`},
			class: Expected,
			kinds: []string{"volatile-headers", "app-router-vary", "no-etag", "json-charset"},
		},
		{
			name:  "res.send(text) => new Response(text) => expected",
			req:   get,
			pages: Response{200, hdr(`ETag: "5-x"`), "hello"},
			app:   Response{200, hdr("Content-Type: text/plain;charset=UTF-8", "Vary: "+appVary+", Accept-Encoding"), "hello"},
			class: Expected,
			kinds: []string{"volatile-headers", "app-router-vary", "no-etag", "text-content-type"},
		},
		{
			name:  "If-None-Match: pages 304, app 200 => expected",
			req:   &Request{Method: "GET", Header: hdr("If-None-Match: *")},
			pages: Response{304, hdr(`ETag: "b-abc"`), ""},
			app:   Response{200, hdr("Content-Type: application/json", "Vary: "+appVary), `{"id":1}`},
			class: Expected,
			kinds: []string{"volatile-headers", "app-router-vary", "no-etag", "no-304"},
		},
		{
			name:  "OPTIONS answered by Next itself => expected",
			req:   &Request{Method: "OPTIONS", Header: hdr()},
			pages: Response{405, hdr("Allow: GET", "Content-Type: application/json; charset=utf-8"), `{"error":"Method not allowed"}`},
			app:   Response{204, hdr("Allow: GET, HEAD, OPTIONS", "Vary: "+appVary), ""},
			class: Expected,
			kinds: []string{"volatile-headers", "app-router-vary", "auto-options"},
		},
		{
			name:  "HEAD refused by pages, served by the GET export => expected",
			req:   &Request{Method: "HEAD", Header: hdr()},
			pages: Response{405, hdr("Allow: GET"), ""},
			app:   Response{200, hdr("Content-Type: application/json", "Vary: "+appVary), ""},
			class: Expected,
			// Once auto-head made the answers equal, the bare 405 left on both
			// sides also matches next-405: kinds count matches, as the e2e log does.
			kinds: []string{"volatile-headers", "app-router-vary", "auto-head", "next-405"},
		},
		{
			name:  "empty JSON body: pages 400, req.json() throws 500 => expected",
			req:   &Request{Method: "POST", Header: hdr("Content-Type: application/json"), Body: body("")},
			pages: Response{400, hdr("Content-Type: text/plain; charset=utf-8"), "Invalid JSON"},
			app:   Response{500, hdr("Vary: " + appVary), ""},
			class: Expected,
			kinds: []string{"volatile-headers", "app-router-vary", "invalid-json-500"},
		},
		{
			name:  "405 of the handler => Next's bare 405 => expected",
			req:   &Request{Method: "DELETE", Header: hdr()},
			pages: Response{405, hdr("Allow: GET, POST", "Content-Type: application/json; charset=utf-8"), `{"error":"Method DELETE not allowed"}`},
			app:   Response{405, hdr("Vary: " + appVary), ""},
			class: Expected,
			kinds: []string{"volatile-headers", "app-router-vary", "next-405"},
		},
		{
			name:  "res.redirect body => empty redirect body => expected",
			req:   get,
			pages: Response{307, hdr("Location: /new"), "/new"},
			app:   Response{307, hdr("Location: /new", "Vary: "+appVary), ""},
			class: Expected,
			kinds: []string{"volatile-headers", "app-router-vary", "redirect-body"},
		},

		// Unexpected: what no documented difference explains.
		{
			name:      "changed status => unexpected",
			req:       get,
			pages:     Response{201, hdr("Content-Type: application/json"), `{"id":1}`},
			app:       Response{200, hdr("Content-Type: application/json", "Vary: "+appVary), `{"id":1}`},
			class:     Unexpected,
			kinds:     []string{"volatile-headers", "app-router-vary"},
			diffLines: []string{"- 201", "+ 200"},
		},
		{
			name:      "missing header => unexpected",
			req:       get,
			pages:     Response{200, hdr("Content-Type: application/json", "Set-Cookie: sid=1; Path=/"), `{}`},
			app:       Response{200, hdr("Content-Type: application/json", "Vary: "+appVary), `{}`},
			class:     Unexpected,
			kinds:     []string{"volatile-headers", "app-router-vary"},
			diffLines: []string{"- Set-Cookie: sid=1; Path=/"},
		},
		{
			name:      "added header => unexpected",
			req:       get,
			pages:     Response{200, hdr("Content-Type: application/json"), `{}`},
			app:       Response{200, hdr("Content-Type: application/json", "Cache-Control: no-store"), `{}`},
			class:     Unexpected,
			kinds:     []string{"volatile-headers"},
			diffLines: []string{"+ Cache-Control: no-store"},
		},
		{
			name:      "different body => unexpected",
			req:       get,
			pages:     Response{200, hdr("Content-Type: application/json; charset=utf-8", `ETag: "9-x"`), `{"id":1}`},
			app:       Response{200, hdr("Content-Type: application/json"), `{"id":"1"}`},
			class:     Unexpected,
			kinds:     []string{"volatile-headers", "no-etag", "json-charset"},
			diffLines: []string{`- {"id":1}`, `+ {"id":"1"}`},
		},
		{
			name:      "different Vary besides the app-router tokens => unexpected",
			req:       get,
			pages:     Response{200, hdr("Vary: Origin"), "x"},
			app:       Response{200, hdr("Vary: " + appVary), "x"},
			class:     Unexpected,
			kinds:     []string{"volatile-headers", "app-router-vary"},
			diffLines: []string{"- Vary: Origin"},
		},
		{
			name:      "lost CORS preflight answer => unexpected",
			req:       &Request{Method: "OPTIONS", Header: hdr("Origin: https://a.example")},
			pages:     Response{204, hdr("Access-Control-Allow-Origin: *", "Access-Control-Allow-Methods: GET, POST"), ""},
			app:       Response{204, hdr("Allow: GET, POST, HEAD, OPTIONS"), ""},
			class:     Unexpected,
			kinds:     []string{"volatile-headers"},
			diffLines: []string{"- Access-Control-Allow-Origin: *", "+ Allow: GET, POST, HEAD, OPTIONS"},
		},
		{
			name:      "200 instead of 304 without a conditional request => unexpected",
			req:       get,
			pages:     Response{304, hdr(), ""},
			app:       Response{200, hdr(), `{}`},
			class:     Unexpected,
			kinds:     []string{"volatile-headers"},
			diffLines: []string{"- 304", "+ 200"},
		},
		{
			name:      "500 on a valid JSON body => unexpected",
			req:       &Request{Method: "POST", Header: hdr("Content-Type: application/json"), Body: body(`{"a":1}`)},
			pages:     Response{200, hdr(), "ok"},
			app:       Response{500, hdr(), ""},
			class:     Unexpected,
			kinds:     []string{"volatile-headers"},
			diffLines: []string{"- 200", "+ 500"},
		},
		{
			name:      "500 on a JSON request with no body at all => unexpected",
			req:       &Request{Method: "POST", Header: hdr("Content-Type: application/json")},
			pages:     Response{200, hdr(), "ok"},
			app:       Response{500, hdr(), ""},
			class:     Unexpected,
			kinds:     []string{"volatile-headers"},
			diffLines: []string{"- 200", "+ 500"},
		},
		{
			name:      "redirect to another Location => unexpected",
			req:       get,
			pages:     Response{307, hdr("Location: /new"), "/new"},
			app:       Response{307, hdr("Location: /other"), ""},
			class:     Unexpected,
			kinds:     []string{"volatile-headers", "redirect-body"},
			diffLines: []string{"- Location: /new", "+ Location: /other"},
		},
		{
			name:      "handler's 405 body lost while the app answers 200 => unexpected",
			req:       &Request{Method: "DELETE", Header: hdr()},
			pages:     Response{405, hdr("Allow: GET"), "no"},
			app:       Response{200, hdr(), "deleted"},
			class:     Unexpected,
			kinds:     []string{"volatile-headers"},
			diffLines: []string{"- 405", "+ 200"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, app := tt.pages, tt.app
			before := Render(&pages) + Render(&app)
			v := Classify(tt.req, &pages, &app)
			if v.Class != tt.class {
				t.Errorf("class = %s, want %s\ndiff:\n%s", v.Class, tt.class, v.Diff())
			}
			if !slices.Equal(v.Kinds, tt.kinds) {
				t.Errorf("kinds = %q, want %q", v.Kinds, tt.kinds)
			}
			diff := v.Diff()
			if (tt.class == Unexpected) != (diff != "") {
				t.Errorf("class %s with diff %q", v.Class, diff)
			}
			for _, l := range tt.diffLines {
				if !slices.Contains(strings.Split(diff, "\n"), l) {
					t.Errorf("diff lacks line %q:\n%s", l, diff)
				}
			}
			if after := Render(&pages) + Render(&app); after != before {
				t.Errorf("Classify modified its arguments:\n%s\n=>\n%s", before, after)
			}
		})
	}
}

// TestDifferencesDocumented: every difference has a kind, a what and a why,
// and kinds are unique (reports and the e2e log name them).
func TestDifferencesDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range Differences {
		if d.Kind == "" || d.What == "" || d.Why == "" || d.apply == nil {
			t.Errorf("incomplete difference %+v", d)
		}
		if seen[d.Kind] {
			t.Errorf("kind %q twice", d.Kind)
		}
		seen[d.Kind] = true
	}
}

// TestLineDiff: two renders => the lines only in one of them marked.
func TestLineDiff(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"200\n\nx", "200\n\nx", "  200\n  \n  x\n"},
		{"200\nA: 1\n\nx", "201\n\nx", "- 200\n- A: 1\n+ 201\n  \n  x\n"},
	}
	for _, tt := range tests {
		if got := LineDiff(tt.a, tt.b); got != tt.want {
			t.Errorf("LineDiff(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}
