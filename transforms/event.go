package transforms

import (
	"regexp"
	"strings"
)

// fetchEventDoc matches a JSDoc @param typing a parameter as a fetch event.
var fetchEventDoc = regexp.MustCompile(`@param\s*\{[^}]*FetchEvent[^}]*\}\s*\[?([\w$]+)`)

// isFetchEvent reports whether the handler's second parameter, name, is the
// NextFetchEvent of an edge API route, not a response: typed so (in
// TypeScript or JSDoc), in a route whose config says runtime edge (pages
// calls an edge handler with (request, event)), or only ever used for
// waitUntil and passThroughOnException.
//
//	export default async function handler(req: NextRequest, ev: NextFetchEvent) => ev is an event
func (m *migration) isFetchEvent(param *Node, name string) bool {
	if t := param.ChildByField("type"); t != nil {
		return strings.Contains(m.text(t), "FetchEvent")
	}
	if m.edgeRuntime() {
		return true
	}
	if doc := m.handlerDoc(); doc != "" {
		for _, sub := range fetchEventDoc.FindAllStringSubmatch(doc, -1) {
			if sub[1] == name {
				return true
			}
		}
	}
	uses, eventUses := 0, 0
	m.h.body.Walk(func(n *Node) bool {
		if n.Kind != "identifier" || m.text(n) != name {
			return true
		}
		uses++
		if _, prop, ok := memberOf(m, n); ok && (prop == "waitUntil" || prop == "passThroughOnException") {
			eventUses++
		}
		return true
	})
	return uses > 0 && uses == eventUses
}

// handlerDoc is the text of the comment right above the handler, or "".
func (m *migration) handlerDoc() string {
	var prev *Node
	for _, st := range m.f.Root.Children {
		if st.Start >= m.h.start {
			break
		}
		prev = st
	}
	if prev == nil || prev.Kind != "comment" || strings.TrimSpace(string(m.src[prev.End:m.h.start])) != "" {
		return ""
	}
	return m.text(prev)
}

// rewriteEvent rewrites the uses of an edge handler's fetch event, which a
// route handler does not get (its second argument is the route context):
//
//	ev.waitUntil(p)  => after(p)   (next/server: p, already started, is awaited after the response as before)
//	any other use    => TODO(routemod) at it
func rewriteEvent(m *migration) {
	ev := m.h.event
	if ev == "" {
		return
	}
	m.h.body.Walk(func(n *Node) bool {
		if n.Kind != "identifier" || m.text(n) != ev || m.isShadowed(n, ev) {
			return true
		}
		st := enclosingStatement(n)
		if p, prop, ok := memberOf(m, n); ok && prop == "waitUntil" {
			if call := p.Parent; call != nil && call.Kind == "call_expression" && p.Field == "function" && len(callArgs(call)) == 1 {
				m.use("next/server", "after", true)
				m.f.Replace(p.Start, p.End, "after")
				return true
			}
		}
		m.f.Todo(st.Start, "%s is the edge handler's NextFetchEvent: a route handler gets no event (its second argument is the route context); use after() from next/server for work after the response", ev)
		return true
	})
}
