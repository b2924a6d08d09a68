// Package verify classifies what a migrated app answers against what the pages
// app it came from answered to the same request: identical, a documented
// Next.js 16 runtime difference (named by kind, see Differences), or
// unexpected. Status, every header and the body are compared; nothing outside
// Differences is normalised.
//
// It is the one comparison shared by routemod's real-Next.js differential test
// (e2e) and the routemod verify command.
package verify

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
)

// Request is the part of a replayed request the classifier reads.
type Request struct {
	Method string
	Header http.Header // canonical keys, as http.Header.Set makes them
	// Body is the body as sent; nil when the request had none (an empty,
	// non-nil Body was sent as an empty body).
	Body []byte
}

// sendsInvalidJSON reports whether r declares a JSON body that does not parse
// (an empty body counts: JSON.parse("") throws).
func (r *Request) sendsInvalidJSON() bool {
	if r.Body == nil {
		return false
	}
	ct := strings.ToLower(r.Header.Get("Content-Type"))
	return strings.HasPrefix(ct, "application/json") && !json.Valid(r.Body)
}

// Response is one server's answer to one request, as received.
type Response struct {
	Status int         `json:"status"`
	Header http.Header `json:"header"`
	Body   string      `json:"body"`
}

func (r *Response) get(k string) string { return r.Header.Get(k) }
func (r *Response) has(k string) bool   { return len(r.Header.Values(k)) > 0 }

func (r *Response) clone() *Response {
	c := *r
	c.Header = r.Header.Clone()
	if c.Header == nil {
		c.Header = http.Header{}
	}
	return &c
}

// Class is the outcome of comparing two answers.
type Class string

const (
	// Identical: the answers are the same once the differences every
	// app-router answer carries (Difference.Always) are set aside.
	Identical Class = "identical"
	// Expected: the answers differ only by documented differences
	// (Verdict.Kinds names them).
	Expected Class = "expected"
	// Unexpected: the answers differ in a way no documented difference
	// explains.
	Unexpected Class = "unexpected"
)

// Verdict is the classification of one exchange.
type Verdict struct {
	Class Class
	// Kinds lists the documented differences that applied, in the order of
	// Differences, the always-present ones included.
	Kinds []string
	// Pages and App are the two answers after normalisation: equal unless
	// Class is Unexpected.
	Pages, App *Response
}

// Expected returns the kinds of v that make an answer expected rather than
// identical: Kinds without the ones every app-router answer carries.
func (v Verdict) Expected() []string {
	var out []string
	for _, k := range v.Kinds {
		if d := lookup(k); d == nil || !d.Always {
			out = append(out, k)
		}
	}
	return out
}

// Diff returns a line diff (-pages +app) of the normalised answers; empty
// when they are equal.
func (v Verdict) Diff() string {
	a, b := Render(v.Pages), Render(v.App)
	if a == b {
		return ""
	}
	return LineDiff(a, b)
}

// Classify compares pages, the pages-router app's answer to req, with app, the
// migrated app's answer to the same request. pages and app are not modified.
func Classify(req *Request, pages, app *Response) Verdict {
	p, a := pages.clone(), app.clone()
	v := Verdict{Pages: p, App: a}
	for _, d := range Differences {
		if d.apply(req, p, a) {
			v.Kinds = append(v.Kinds, d.Kind)
		}
	}
	switch {
	case Render(p) != Render(a):
		v.Class = Unexpected
	case len(v.Expected()) > 0:
		v.Class = Expected
	default:
		v.Class = Identical
	}
	return v
}

func lookup(kind string) *Difference {
	i := slices.IndexFunc(Differences, func(d Difference) bool { return d.Kind == kind })
	if i < 0 {
		return nil
	}
	return &Differences[i]
}
