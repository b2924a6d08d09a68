package verify

import (
	"net/http"
	"slices"
	"strings"
)

// Difference is one way in which Next.js 16 answers differently for a route
// handler than for the pages API route it was translated from, with no fault in
// the translation.
type Difference struct {
	Kind string // short id, shown in logs, reports and the README
	What string // what is normalised
	Why  string // why Next.js behaves so
	// Always marks a difference every app-router answer carries (framing,
	// Vary): it alone does not make an answer Expected rather than Identical.
	Always bool
	// apply normalises orig and mig in place when the difference is present in
	// this exchange and reports whether it did.
	apply func(rq *Request, orig, mig *Response) bool
}

// volatileHeaders vary from one response or one connection to the next, or
// describe framing rather than content (the bodies are compared byte for byte).
var volatileHeaders = []string{"Date", "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length"}

// appRouterVary is what every app-router response adds to Vary: the request
// headers of React Server Components navigation.
var appRouterVary = []string{"rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch"}

// Differences is the one list of what is normalised, applied in order: headers
// that never carry meaning first, then the cases where Next.js answers the
// whole exchange itself, then content types.
//
// Every entry was observed on next 16.4.6 by replaying e2e/requests.json
// against the pages app (e2e/app) and a hand-written, line-by-line translation
// of it (e2e/reference). Nothing else is normalised.
var Differences = []Difference{
	{
		Kind:   "volatile-headers",
		Always: true,
		What:   "Date, Connection, Keep-Alive, Transfer-Encoding and Content-Length are not compared",
		Why: "time of day and HTTP/1.1 framing: pages answers with Content-Length (also on HEAD), route handlers stream " +
			"with Transfer-Encoding: chunked; the bodies themselves are compared byte for byte",
		apply: func(_ *Request, orig, mig *Response) bool {
			for _, h := range volatileHeaders {
				orig.Header.Del(h)
				mig.Header.Del(h)
			}
			return true
		},
	},
	{
		Kind:   "app-router-vary",
		Always: true,
		What:   "the tokens rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch are removed from the migrated Vary header",
		Why:    "every app-router response varies on the React Server Components request headers, route handlers included; pages API routes never send them",
		apply: func(_ *Request, orig, mig *Response) bool {
			v := mig.Header.Values("Vary")
			if len(v) == 0 {
				return false
			}
			var keep []string
			changed := false
			for _, line := range v {
				for tok := range strings.SplitSeq(line, ",") {
					tok = strings.TrimSpace(tok)
					if slices.Contains(appRouterVary, strings.ToLower(tok)) {
						changed = true
					} else if tok != "" {
						keep = append(keep, tok)
					}
				}
			}
			if !changed {
				return false
			}
			mig.Header.Del("Vary")
			if len(keep) > 0 {
				mig.Header.Set("Vary", strings.Join(keep, ", "))
			}
			return true
		},
	},
	{
		Kind: "no-etag",
		What: "the ETag header of the pages response is dropped when the route handler sent none",
		Why:  "pages res.json/res.send hash every body into an ETag (generateEtags); route handlers send none",
		apply: func(_ *Request, orig, mig *Response) bool {
			if !orig.has("ETag") || mig.has("ETag") {
				return false
			}
			orig.Header.Del("ETag")
			return true
		},
	},
	{
		Kind: "no-304",
		What: "a conditional request (If-None-Match / If-Modified-Since) answered 304 by pages and 200 by the route handler is not compared further",
		Why:  "pages answers 304 Not Modified when the request's validator matches its ETag (If-None-Match: * always does); with no ETag a route handler never answers 304",
		apply: func(rq *Request, orig, mig *Response) bool {
			if rq.Header.Get("If-None-Match") == "" && rq.Header.Get("If-Modified-Since") == "" {
				return false
			}
			if orig.Status != http.StatusNotModified || mig.Status != http.StatusOK {
				return false
			}
			accept(orig, mig)
			return true
		},
	},
	{
		Kind: "auto-options",
		What: "an OPTIONS request answered by Next.js itself (204, Allow: the exported methods, no body) is not compared with the pages answer, unless the pages answer carried CORS (Access-Control-*) headers",
		Why: "route handlers get OPTIONS for free unless they export it; pages handed OPTIONS to the handler, which refused it (405) or served it like any method. " +
			"Next.js's own answer has no CORS headers, so a lost CORS preflight answer is a real change, never normalised",
		apply: func(rq *Request, orig, mig *Response) bool {
			if rq.Method != http.MethodOptions || mig.Status != http.StatusNoContent || !mig.has("Allow") || mig.Body != "" {
				return false
			}
			for k := range orig.Header {
				if strings.HasPrefix(strings.ToLower(k), "access-control-") {
					return false
				}
			}
			accept(orig, mig)
			return true
		},
	},
	{
		Kind: "auto-head",
		What: "a HEAD request that the pages handler refused with 405 is not compared with the route handler's answer",
		Why:  "Next.js answers HEAD with the exported GET (body dropped); a pages handler that tests req.method === \"GET\" refused HEAD",
		apply: func(rq *Request, orig, mig *Response) bool {
			if rq.Method != http.MethodHead || orig.Status != http.StatusMethodNotAllowed || mig.Status == http.StatusMethodNotAllowed {
				return false
			}
			accept(orig, mig)
			return true
		},
	},
	{
		Kind: "invalid-json-500",
		What: "a request whose Content-Type is application/json and whose body is not JSON (empty included) may get 500 with any body from the route handler",
		Why: "await req.json() throws on such a body and Next.js answers 500; pages answered 400 \"Invalid JSON\" before the handler ran, " +
			"and parsed an empty body as {} so the handler answered for itself",
		apply: func(rq *Request, orig, mig *Response) bool {
			if !rq.sendsInvalidJSON() || mig.Status != http.StatusInternalServerError {
				return false
			}
			accept(orig, mig)
			return true
		},
	},
	{
		Kind: "next-405",
		What: "when both answer 405 and the route handler's 405 is Next.js's own (no body, no Content-Type), only the status is compared",
		Why: "a method the route file does not export gets Next.js's bare 405, with no Allow header; the pages handler sent its own 405 " +
			"(any body, Allow when it set one)",
		apply: func(_ *Request, orig, mig *Response) bool {
			if orig.Status != http.StatusMethodNotAllowed || mig.Status != http.StatusMethodNotAllowed || mig.Body != "" || mig.has("Content-Type") {
				return false
			}
			accept(orig, mig)
			return true
		},
	},
	{
		Kind: "json-charset",
		What: "Content-Type application/json; charset=utf-8 (pages) and application/json (route handler) compare equal",
		Why:  "pages res.json/res.send(object) add the charset parameter; Response.json() does not (JSON is UTF-8 by definition)",
		apply: func(_ *Request, orig, mig *Response) bool {
			if !strings.EqualFold(orig.get("Content-Type"), "application/json; charset=utf-8") || mig.get("Content-Type") != "application/json" {
				return false
			}
			orig.Header.Set("Content-Type", "application/json")
			return true
		},
	},
	{
		Kind: "text-content-type",
		What: "Content-Type text/plain;charset=UTF-8 of the route handler is dropped where pages sent none, and with it Accept-Encoding from the migrated Vary",
		Why: "new Response(string) labels the body text/plain;charset=UTF-8 (Fetch standard); pages res.send(string) sends no Content-Type; " +
			"Next's compression adds Vary: Accept-Encoding only for a compressible Content-Type",
		apply: func(_ *Request, orig, mig *Response) bool {
			if orig.has("Content-Type") || mig.get("Content-Type") != "text/plain;charset=UTF-8" {
				return false
			}
			mig.Header.Del("Content-Type")
			if !orig.has("Vary") && strings.EqualFold(mig.get("Vary"), "Accept-Encoding") {
				mig.Header.Del("Vary")
			}
			return true
		},
	},
	{
		Kind: "redirect-body",
		What: "the body of a redirect is not compared when pages sent the target URL as the body and the route handler sent none; status and Location are",
		Why:  "pages res.redirect() writes the Location value as a text body; a route handler's redirect response has no body; clients read only the status and Location",
		apply: func(_ *Request, orig, mig *Response) bool {
			if orig.Status/100 != 3 || !orig.has("Location") || orig.Body != orig.get("Location") || mig.Body != "" {
				return false
			}
			orig.Body = ""
			return true
		},
	},
}

// accept makes mig equal to orig: Next.js answered this exchange itself in a way
// the pages answer cannot be compared with.
func accept(orig, mig *Response) {
	mig.Status, mig.Body, mig.Header = orig.Status, orig.Body, orig.Header.Clone()
}
