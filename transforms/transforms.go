// Package transforms is routemod's catalogue of rewrites, one family per
// file, each rule documented beside its code as a one-line
// `before => after` comment. Catalog is the explicit, ordered list.
package transforms

import (
	"fmt"
	"strings"
	"sync"

	"github.com/routemod/routemod/codemod"
)

// Transform is one family of rewrites.
type Transform struct {
	Name string
	Doc  string
	run  func(m *migration)
}

// Catalog lists the transforms in the order they run. The handler
// transform is the frame the others fill: it always runs.
var Catalog = []Transform{
	{"handler", "default-exported handler(req, res) => one export per HTTP method (always runs)", splitMethods},
	{"libraries", "library calls taking req and res (next-auth, ...) => their app-router forms, where the installed version runs them", rewriteLibraries},
	{"request", "req.body, req.query, req.headers, req.cookies, req.url => their app-router forms", rewriteRequest},
	{"response", "res.status(n).json(x) and every other res.* => a returned Response", rewriteResponse},
	{"config", "export const config = {...} => segment config exports", rewriteConfig},
	{"paths", "relative import specifiers => re-pointed from the new folder", rewritePaths},
	{"types", "NextApiRequest and friends => NextRequest; next imports added and removed", rewriteTypes},
}

// Describe lists the transforms for the CLI help.
func Describe() string {
	var sb strings.Builder
	for _, t := range Catalog {
		fmt.Fprintf(&sb, "  %-9s %s\n", t.Name, t.Doc)
	}
	return sb.String()
}

// Migrator runs a selection of the catalogue on each file.
type Migrator struct {
	selected map[string]bool
	indexes  sync.Map // *codemod.Project => *project.Index, built by Prepare
	wrappers sync.Map // *codemod.Project => *wrapperPlan, read by Prepare
	plans    sync.Map // *codemod.Project => *helperPlan, built by Prepare
}

// New returns a Migrator running the named transforms (all when names is
// empty). The handler transform always runs.
func New(names []string) (*Migrator, error) {
	sel := map[string]bool{"handler": true}
	for _, n := range names {
		found := false
		for _, t := range Catalog {
			if t.Name == n {
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown transform %q (have: %s)", n, strings.Join(Names(), ", "))
		}
		sel[n] = true
	}
	if len(names) == 0 {
		for _, t := range Catalog {
			sel[t.Name] = true
		}
	}
	return &Migrator{selected: sel}, nil
}

// Names lists the transform names in order.
func Names() []string {
	var out []string
	for _, t := range Catalog {
		out = append(out, t.Name)
	}
	return out
}

// Migrate implements codemod.Migrator.
func (mg *Migrator) Migrate(f *codemod.File) {
	m := newMigration(f)
	m.ix = mg.index(f.Project)
	if ws, ok := mg.wrappers.Load(f.Project); ok {
		m.wrappers = ws.(*wrapperPlan)
		m.wrappers.noteImports(m)
	}
	if mg.selected["response"] {
		m.plan = mg.plan(f.Project)
		if m.plan != nil {
			m.plan.forget(f.Path) // a route migrated again records anew
		}
	}
	f.SetTransform("handler")
	if mg.selected["libraries"] && m.nextAuthRoute(mg) {
		return
	}
	if !m.findHandler() {
		return
	}
	if len(mg.selected) < len(Catalog) {
		var ran []string
		for _, t := range Catalog {
			if mg.selected[t.Name] {
				ran = append(ran, t.Name)
			}
		}
		f.Note("only %s ran (--run): the output is a partial migration", strings.Join(ran, ", "))
	}
	for _, t := range Catalog {
		if !mg.selected[t.Name] {
			continue
		}
		if t.Name == "types" {
			f.SetTransform("handler")
			m.composeAll()
		}
		f.SetTransform(t.Name)
		if t.Name == "request" || t.Name == "response" {
			// helpers first, so their call sites know what they need
			for i := len(m.helpers) - 1; i >= 0; i-- {
				m.withFrame(m.helpers[i], func() { t.run(m) })
			}
		}
		t.run(m)
		if f.Skipped() != "" {
			return
		}
	}
	if !mg.selected["types"] {
		f.SetTransform("handler")
		m.composeAll()
	}
	f.Check = m.lastCheck()
}

// composeAll writes the handler's output functions and every converted helper.
func (m *migration) composeAll() {
	for _, fr := range m.helpers {
		m.withFrame(fr, func() {
			if err := m.compose(); err != nil {
				panic(err)
			}
		})
	}
	if err := m.compose(); err != nil {
		panic(err)
	}
}
