package transforms

import (
	"strings"
)

// bodyType is the body type a pages handler or helper declared for what it
// sends, so the JSON it answers stays checked against that type once res
// and its annotation are gone (and a type imported only for it stays used):
//
//	(req: NextApiRequest, res: NextApiResponse<Poll>) => "Poll"
//	const handler: NextApiHandler<Poll> = (req, res) => {} => "Poll"
//	res: NextApiResponse, res: NextApiResponse<any>       => ""
func (m *migration) bodyType(fn *Node, resIndex int) string {
	if !m.f.TypeScript || fn == nil {
		return ""
	}
	var ann *Node
	if ps := paramNodes(fn); resIndex >= 0 && resIndex < len(ps) {
		ann = ps[resIndex].ChildByField("type")
	}
	name := "NextApiResponse"
	if ann == nil {
		// const handler: NextApiHandler<T> = ...
		d := fn.Parent
		for d != nil && (d.Kind == "parenthesized_expression" || d.Kind == "as_expression" || d.Kind == "satisfies_expression") {
			d = d.Parent
		}
		if d == nil || d.Kind != "variable_declarator" {
			return ""
		}
		ann, name = d.ChildByField("type"), "NextApiHandler"
	}
	if ann == nil {
		return ""
	}
	g := ann.ChildOfKind("generic_type")
	if g == nil || strings.TrimPrefix(m.text(g.ChildByField("name")), "next.") != name {
		return ""
	}
	args := g.ChildOfKind("type_arguments")
	if args == nil {
		return ""
	}
	t := strings.TrimSpace(m.text(args))
	t = strings.TrimSpace(t[1 : len(t)-1])
	switch t {
	case "", "any", "unknown", "void", "never":
		return ""
	}
	return t
}

// jsonCall is the function a JSON response is built with: Response.json,
// or NextResponse.json<T> where the pages code typed its body.
//
//	res: NextApiResponse<Poll>; res.json(poll) => return NextResponse.json<Poll>(poll)
func (m *migration) jsonCall() string {
	if m.h == nil || m.h.bodyType == "" {
		return "Response.json"
	}
	m.use("next/server", "NextResponse", true)
	return "NextResponse.json<" + m.h.bodyType + ">"
}
