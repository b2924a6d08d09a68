package transforms

import (
	"strings"

	"github.com/routemod/routemod/codemod"
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

// dropOrphanTypes removes the module-level types of a TypeScript route that
// the input used and the output no longer does: the removed res annotation
// (res: NextApiResponse<Data>) was their one use, and no JSON answer was
// left to carry them (a 204, a redirect). Left, each fails noUnusedLocals
// (TS6133). out is the output text outside import lines; a type only other
// such types used goes with them.
//
//	type Data = { name: string }; ... res: NextApiResponse<Data>; res.status(204).end() => (type removed); new Response(null, { status: 204 })
//	interface Data {...} (carried: NextResponse.json<Data>(...)), export type Data, a type unused already => kept
func (m *migration) dropOrphanTypes(out string) {
	if !m.f.TypeScript {
		return
	}
	type decl struct {
		st   *Node
		name string
	}
	var cands []decl
	for _, st := range m.f.Root.Children {
		if st.Kind != "type_alias_declaration" && st.Kind != "interface_declaration" {
			continue // an exported type may be imported elsewhere
		}
		n := st.ChildByField("name")
		if n == nil || len(m.f.EditsWithin(st.Start, st.End)) > 0 || !onlySpaceBefore(m.src, st.Start) || !onlySpaceAfter(m.src, st.End) {
			continue
		}
		if name := m.text(n); m.usedOutside(name, st) {
			cands = append(cands, decl{st, name})
		}
	}
	gone := map[*Node]bool{}
	for changed := true; changed; {
		changed = false
		for _, c := range cands {
			if gone[c.st] {
				continue
			}
			rest := out
			for _, o := range cands {
				if gone[o.st] || o.st == c.st {
					rest = strings.Replace(rest, m.text(o.st), "", 1)
				}
			}
			if !containsIdent(rest, c.name) {
				gone[c.st], changed = true, true
			}
		}
	}
	for _, c := range cands {
		if !gone[c.st] {
			continue
		}
		start, end := codemod.LineStart(m.src, c.st.Start), lineEnd(m.src, c.st.End)
		if p := prevSibling(m.f.Root, c.st); p != nil && p.Kind == "comment" && onlySpaceBefore(m.src, p.Start) && strings.Count(string(m.src[p.End:c.st.Start]), "\n") <= 1 && len(m.f.EditsWithin(p.Start, p.End)) == 0 {
			start = codemod.LineStart(m.src, p.Start) // its doc comment goes with it
		}
		if next := lineEnd(m.src, end); end < len(m.src) && strings.TrimSpace(string(m.src[end:next])) == "" {
			end = next // and the blank line after it
		}
		m.f.Replace(start, end, "")
	}
}

// usedOutside reports whether the input names name anywhere outside the
// node except (as a type or a value).
func (m *migration) usedOutside(name string, except *Node) bool {
	found := false
	m.f.Root.Walk(func(n *Node) bool {
		if found || n == except {
			return false
		}
		if (n.Kind == "type_identifier" || n.Kind == "identifier") && m.text(n) == name {
			found = true
		}
		return !found
	})
	return found
}

// prevSibling is the child of parent just before n, or nil.
func prevSibling(parent, n *Node) *Node {
	for i, c := range parent.Children {
		if c == n && i > 0 {
			return parent.Children[i-1]
		}
	}
	return nil
}
