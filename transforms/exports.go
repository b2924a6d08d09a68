package transforms

import "strings"

// segmentConfig are the value exports a route.ts may have besides handlers.
var segmentConfig = map[string]bool{"runtime": true, "dynamic": true, "dynamicParams": true, "revalidate": true,
	"fetchCache": true, "maxDuration": true, "preferredRegion": true, "config": true}

// markOtherExports marks value exports a route.ts may not keep: Next.js
// type-checks route exports and `next build --webpack` rejects others.
// When no file of the project imports the route, nothing can use them from
// outside, and the export keyword goes instead.
//
//	export const helper = ...; export { x } from "./y" => TODO(routemod) above it
//	export const LIMIT = 20 (the route imported by no file) => const LIMIT = 20, with a report note
//	export type T = ...; export interface I {}          => kept (erased)
func (m *migration) markOtherExports() {
	var local []string
	for _, st := range m.f.Root.Children {
		// module.exports.config = {...}; exports.helper = h => TODO(routemod) above it:
		// CommonJS exports beside the handler's ES exports do not reach Next.js (or throw)
		if st.Kind == "expression_statement" && !(st.Start >= m.h.start && st.End <= m.h.end) && !m.deleted(st) {
			if a := st.NamedChildren(); len(a) == 1 && a[0].Kind == "assignment_expression" {
				left := strings.ReplaceAll(m.text(a[0].ChildByField("left")), " ", "")
				if left == "exports" || left == "module.exports" || strings.HasPrefix(left, "exports.") || strings.HasPrefix(left, "exports[") || strings.HasPrefix(left, "module.exports.") || strings.HasPrefix(left, "module.exports[") {
					m.f.Todo(st.Start, "a CommonJS export (%s) in a route.ts that now uses ES exports: Next.js does not read it (and the bundler may reject it); for config use export const runtime / maxDuration, otherwise move it to a module outside app/", left)
				}
			}
		}
		if st.Kind != "export_statement" || st.ChildOfKind("default") != nil || st.Start >= m.h.start && st.End <= m.h.end {
			continue
		}
		var names []string
		if d := st.ChildByField("declaration"); d != nil {
			switch d.Kind {
			case "type_alias_declaration", "interface_declaration":
				continue
			case "lexical_declaration", "variable_declaration":
				for _, v := range d.NamedChildren() {
					if n := v.ChildByField("name"); v.Kind == "variable_declarator" && n != nil {
						names = append(names, m.text(n))
					}
				}
			default:
				if n := d.ChildByField("name"); n != nil {
					names = append(names, m.text(n))
				}
			}
		}
		if strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(m.text(st), "export")), "type ") {
			continue // export type { T } from "./t"
		}
		other := len(names) == 0
		for _, n := range names {
			if !segmentConfig[n] && !isHTTPMethod(n) {
				other = true
			}
		}
		if !other {
			continue
		}
		if d := st.ChildByField("declaration"); d != nil && len(names) > 0 && !m.namesConfig(names) && m.importedByNone() {
			m.f.Replace(st.Start, d.Start, "")
			local = append(local, names...)
			continue
		}
		m.f.Todo(st.Start, "route.ts may only export HTTP method handlers and segment config (Next.js type-checks route exports; next build --webpack rejects others): move this export to a module outside app/")
	}
	if len(local) > 0 {
		m.f.Note("no file of the project imports this route, so its other exports became module-local (a route.ts may only export handlers and segment config): %s", strings.Join(local, ", "))
	}
}

// namesConfig reports whether any of names is a segment config or method
// export, which must stay exported.
func (m *migration) namesConfig(names []string) bool {
	for _, n := range names {
		if segmentConfig[n] || isHTTPMethod(n) {
			return true
		}
	}
	return false
}

// importedByNone reports whether no source file of the project imports the
// route, as far as routemod can tell.
func (m *migration) importedByNone() bool {
	imported, known := m.ix.Imported(m.f.Path)
	return known && !imported
}

// deleted reports whether st is removed with the handler.
func (m *migration) deleted(st *Node) bool {
	for _, d := range m.h.deletes {
		if d == st {
			return true
		}
	}
	return false
}
