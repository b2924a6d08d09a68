// Package e2e holds the real-Next.js differential test of routemod (see
// e2e_test.go and README.md). The answers of the pages app and of its
// migrations are compared by package verify, whose Differences list is the one
// list of what Next.js 16 itself changes between a pages-router API route and
// a perfect app-router route handler.
package e2e

import (
	"encoding/json"
	"net/http"

	"github.com/routemod/routemod/verify"
)

// request is one entry of requests.json, as sent.
type request struct {
	Name    string            `json:"name"`
	Method  string            `json:"method"`
	Path    string            `json:"path"`
	Headers map[string]string `json:"headers,omitempty"`
	JSON    json.RawMessage   `json:"json,omitempty"`
	Body    *string           `json:"body,omitempty"`
}

// response is what one server answered to one request.
type response = verify.Response

// verifyRequest is rq as package verify reads it: its declared headers and
// its body (the JSON document, the raw body, or none).
func (rq *request) verifyRequest() *verify.Request {
	vr := &verify.Request{Method: rq.Method, Header: http.Header{}}
	for k, v := range rq.Headers {
		vr.Header.Set(k, v)
	}
	switch {
	case rq.JSON != nil:
		vr.Body = []byte(rq.JSON)
	case rq.Body != nil:
		vr.Body = append([]byte{}, *rq.Body...)
	}
	return vr
}
