package transforms

import (
	"strings"

	"github.com/routemod/routemod/codemod"
)

// configObject returns the object literal of `export const config = {...}`.
func (m *migration) configObject() *Node {
	st := m.configStatement()
	if st == nil {
		return nil
	}
	v := codemod.Unparen(st.decl.ChildByField("value"))
	for v != nil && (v.Kind == "satisfies_expression" || v.Kind == "as_expression") {
		v = codemod.Unparen(v.NamedChildren()[0])
	}
	if v == nil || v.Kind != "object" {
		return nil
	}
	return v
}

type configStmt struct{ stmt, decl *Node }

func (m *migration) configStatement() *configStmt {
	if !m.configOK { // once per file: it is asked per helper and per read
		m.config, m.configOK = m.findConfig(), true
	}
	return m.config
}

func (m *migration) findConfig() *configStmt {
	for _, st := range m.f.Root.Children {
		if st.Kind != "export_statement" {
			continue
		}
		d := st.ChildByField("declaration")
		if d == nil || d.Kind != "lexical_declaration" {
			continue
		}
		ds := d.NamedChildren()
		if len(ds) == 1 && ds[0].Kind == "variable_declarator" && isIdent(m.src, ds[0].ChildByField("name"), "config") {
			return &configStmt{st, ds[0]}
		}
	}
	return nil
}

// rewriteConfig turns the pages API config into segment config exports; a
// `config` left in route.ts is ignored by Next.js with only a warning.
//
//	export const config = { runtime: "edge" }          => export const runtime = "edge";
//	export const config = { maxDuration: 30 }          => export const maxDuration = 30;
//	export const config = { regions: ["iad1"] }        => export const preferredRegion = ["iad1"];
//	export const config = { api: { bodyParser: ... } } => removed, with a report note
func rewriteConfig(m *migration) {
	cs := m.configStatement()
	if cs == nil {
		return
	}
	obj := m.configObject()
	if obj == nil {
		m.f.Todo(cs.stmt.Start, "export const config is not an object literal: turn it into segment config exports (runtime, maxDuration, preferredRegion) by hand; Next.js ignores config in route.ts")
		return
	}
	var out []string
	semi := m.semi()
	for _, p := range obj.NamedChildren() {
		if p.Kind == "comment" {
			continue
		}
		if p.Kind != "pair" {
			m.f.Todo(cs.stmt.Start, "config entry %s: turn it into a segment config export by hand", m.text(p))
			return
		}
		key := m.text(p.ChildByField("key"))
		if s, ok := stringValue(m.src, p.ChildByField("key")); ok {
			key = s
		}
		val := p.ChildByField("value")
		switch key {
		case "runtime":
			v := m.text(val)
			if s, ok := stringValue(m.src, val); ok && s == "experimental-edge" {
				v = strings.Replace(v, "experimental-edge", "edge", 1)
			}
			out = append(out, "export const runtime = "+v+semi)
		case "maxDuration":
			out = append(out, "export const maxDuration = "+m.text(val)+semi)
		case "regions":
			out = append(out, "export const preferredRegion = "+m.text(val)+semi)
		case "api":
			m.noteAPIConfig(val)
		default:
			m.f.Todo(cs.stmt.Start, "config key %q has no segment config equivalent routemod knows", key)
			return
		}
	}
	start, end := cs.stmt.Start, cs.stmt.End
	if len(out) == 0 && onlySpaceBefore(m.src, start) && onlySpaceAfter(m.src, end) {
		// export const config = { api: {...} } alone => removed with its line and one blank line after
		start, end = codemod.LineStart(m.src, start), lineEnd(m.src, end)
		if next := lineEnd(m.src, end); end < len(m.src) && strings.TrimSpace(string(m.src[end:next])) == "" {
			end = next
		}
	}
	m.replaceFolding(start, end, func(cp func(*Node) string) string {
		return strings.Join(out, m.f.Style.EOL)
	})
}

// noteAPIConfig reports the pages-only api options that are dropped.
func (m *migration) noteAPIConfig(val *Node) {
	t := strings.Join(strings.Fields(m.text(val)), "")
	switch {
	case strings.Contains(t, "bodyParser:false"):
		m.f.Note("config.api.bodyParser: false removed: route handlers never parse the body; read it with req.text() or req.arrayBuffer()")
	case strings.Contains(t, "bodyParser"):
		m.f.Note("config.api.bodyParser removed: route handlers have no body size limit (pages capped bodies at 1 MB or sizeLimit); enforce one yourself if you relied on it")
	}
	if strings.Contains(t, "responseLimit") {
		m.f.Note("config.api.responseLimit removed: route handlers have no response size limit")
	}
	if strings.Contains(t, "externalResolver") {
		m.f.Note("config.api.externalResolver removed: it has no meaning for route handlers")
	}
}
