package transforms

import (
	"regexp"
	"strings"
)

// corsCallee matches the name of a function that answers CORS: cors(req,
// res), runMiddleware(req, res, cors), NextCors(...), setCorsHeaders(res).
var corsCallee = regexp.MustCompile(`(?i)cors`)

// answersPreflight reports whether the route answers CORS preflights itself:
// it sets an Access-Control-* header, calls a CORS helper or names the
// OPTIONS method. Next.js's automatic OPTIONS answer carries no CORS
// headers, so such a route must keep answering OPTIONS.
func (m *migration) answersPreflight() bool {
	if m.preflight != nil {
		return *m.preflight
	}
	if m.corsTranslated() {
		// await runMiddleware(req, res, cors) => an OPTIONS export of its own (cors_lib.go)
		f := false
		m.preflight = &f
		return false
	}
	found := false
	m.f.Root.Walk(func(n *Node) bool {
		if found {
			return false
		}
		switch n.Kind {
		case "string", "template_string":
			t := m.text(n)
			found = strings.Contains(strings.ToLower(t), "access-control-") || len(t) == len(`"OPTIONS"`) && t[1:len(t)-1] == "OPTIONS"
		case "call_expression":
			fn := n.ChildByField("function")
			if fn != nil && fn.Kind == "member_expression" {
				fn = fn.ChildByField("property")
			}
			found = fn != nil && corsCallee.MatchString(m.text(fn))
			if !found {
				// runMiddleware(req, res, cors)
				for _, a := range callArgs(n) {
					if a.Kind == "identifier" && corsCallee.MatchString(m.text(a)) {
						found = true
					}
				}
			}
		}
		return !found
	})
	m.preflight = &found
	return found
}

// defaultMethods are the methods a handler without a method check (or the
// branch for the methods no other branch takes) is exported under: those a
// guard before the dispatch let through, else GET, POST, PUT, PATCH and
// DELETE, and OPTIONS too when the route answers CORS preflights.
//
//	res.setHeader("Access-Control-Allow-Origin", "*"); res.json(x) => export { handler as GET, ..., handler as OPTIONS }
func (m *migration) defaultMethods() []string {
	if m.universe != nil {
		return m.universe
	}
	if m.h != nil && m.h.wrap != nil {
		return m.h.wrap.methods // withMethods(["GET", "POST"], handler) => GET, POST
	}
	if m.answersPreflight() {
		return append(append([]string{}, servedByDefault...), "OPTIONS")
	}
	return servedByDefault
}
