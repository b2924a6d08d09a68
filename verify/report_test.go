package verify

import (
	"net/http"
	"strings"
	"testing"
)

func answer(status int, body string, kv ...string) *Response {
	h := http.Header{}
	for i := 0; i < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return &Response{Status: status, Header: h, Body: body}
}

// TestCompare: verdicts grouped by route, the worst class per route, the
// raw answers kept for the unexpected ones only, the text report naming the
// route and the difference.
func TestCompare(t *testing.T) {
	routes := []Route{{Pattern: "/api/hello"}, {Pattern: "/api/users/[id]"}, {Pattern: "/api/same"}}
	reqs := []Spec{
		{Method: "GET", Path: "/api/hello", Generated: true},
		{Method: "GET", Path: "/api/users/1", Generated: true},
		{Method: "GET", Path: "/api/users/2?x=1", Name: "user two"},
		{Method: "GET", Path: "/api/same"},
		{Method: "GET", Path: "/api/kept"},
	}
	json := "application/json; charset=utf-8"
	base := []*Response{
		answer(200, `{"name":"John"}`, "Content-Type", json),
		answer(200, `{"id":1}`, "Content-Type", json, "Etag", `"x"`),
		answer(404, `{}`, "Content-Type", json),
		answer(200, "same"),
		answer(200, "kept"),
	}
	cand := []*Response{
		answer(200, `{"name":"Jane"}`, "Content-Type", "application/json"),
		answer(200, `{"id":1}`, "Content-Type", "application/json"),
		answer(404, `{}`, "Content-Type", json),
		answer(200, "same"),
		answer(200, "kept"),
	}
	rep := Compare(routes, reqs, &Tree{Label: "baseline (HEAD)"}, &Tree{Label: "candidate (work tree)"}, base, cand)
	if got, want := rep.Summary, (Summary{Routes: 3, Requests: 5, Identical: 3, Expected: 1, Unexpected: 1}); got != want {
		t.Errorf("summary %+v, want %+v", got, want)
	}
	wantRows := []string{
		"/api/hello 1 UNEXPECTED (1 of 1 requests)",
		"/api/users/[id] 2 expected (no-etag, json-charset)",
		"/api/same 1 identical",
		"/api/kept(other) 1 identical",
	}
	var rows []string
	for _, rr := range rep.Routes {
		other := ""
		if !rr.Migrated {
			other = "(other)"
		}
		rows = append(rows, strings.Join([]string{rr.Route + other, string(rune('0' + rr.Requests)), rr.Result()}, " "))
	}
	if strings.Join(rows, "\n") != strings.Join(wantRows, "\n") {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(wantRows, "\n"))
	}
	for _, x := range rep.Exchanges {
		if (x.Class == Unexpected) != (x.Base != nil && x.Candidate != nil && x.Diff != "") {
			t.Errorf("%s: class %s, raw answers kept: %v", x.Request.Label(), x.Class, x.Base != nil)
		}
	}
	if rep.OK() {
		t.Error("OK with an unexpected answer")
	}
	var b strings.Builder
	rep.WriteText(&b)
	for _, want := range []string{
		"UNEXPECTED /api/hello: GET /api/hello",
		`- {"name":"John"}`,
		`+ {"name":"Jane"}`,
		"/api/kept (not migrated)",
		"verify FAILED: 3 routes, 5 requests: 3 identical, 1 expected, 1 unexpected",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, b.String())
		}
	}
}
