// Package transforms is routemod's catalogue of rewrites, one family per
// file, each rule documented beside its code as a one-line
// `before => after` comment. Catalog is the explicit, ordered list.
package transforms

import (
	"cmp"
	"fmt"
	"slices"
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
	libMods  sync.Map // *codemod.Project => *libModules, read by Prepare
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
	if cm, ok := mg.libMods.Load(f.Project); ok {
		m.libMods = cm.(*libModules)
	}
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
	if mg.selected["libraries"] && (m.nextAuthRoute(mg) || m.trpcRoute(mg) || m.auth0Route(mg)) {
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
		if m.chain != nil && (t.Name == "libraries" || t.Name == "request" || t.Name == "response") {
			// a next-connect router: each of its handlers is rewritten as a route's
			for _, fr := range m.chain.frames() {
				m.withFrame(fr, func() { t.run(m) })
			}
		} else {
			t.run(m)
		}
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

// composeAll writes the handler's output functions and every converted
// helper. The edits are sorted once: each helper's edits are found in
// that list by its range and replaced by its composed edit, then the
// handler's, as composing them one after another (compose) would; a sort
// of every edit per helper made a route of n helpers cost n × edits.
func (m *migration) composeAll() {
	if m.chain != nil {
		// a next-connect router: its frames' texts move (composeChain)
		for _, fr := range m.helpers {
			m.withFrame(fr, func() {
				if err := m.compose(); err != nil {
					panic(err)
				}
			})
		}
		if err := m.composeChain(); err != nil {
			panic(err)
		}
		return
	}
	frames := append(append([]*frame(nil), m.helpers...), &frame{h: m.h, funcs: m.funcs, ends: m.endContainers})
	sorted, err := codemod.SortEdits(m.f.Edits())
	if err != nil {
		panic(err)
	}
	if composeEach || !disjointFrames(frames) {
		// one frame's range holds another's: each compose must see the
		// edit the one before it wrote
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
		return
	}
	type composed struct {
		i, j, start int
		edit        codemod.Edit
		deletes     []codemod.Edit
	}
	done := make([]composed, len(frames))
	for k, fr := range frames {
		m.withFrame(fr, func() {
			i, j, err := m.frameEdits(sorted)
			if err != nil {
				panic(err)
			}
			e, deletes, err := m.composeFrame(sorted[i:j])
			if err != nil {
				panic(err)
			}
			done[k] = composed{i, j, fr.h.start, e, deletes}
		})
	}
	// sorted with each helper's edits replaced by its composed edit (two
	// written where no edit was sort by their ranges), and the handler's
	// left out: its composed edit and its deletes follow, as compose
	// leaves them
	last := done[len(done)-1]
	ops := slices.Clone(done)
	slices.SortStableFunc(ops, func(a, b composed) int { return cmp.Or(a.i-b.i, a.start-b.start) })
	out := make([]codemod.Edit, 0, len(sorted)+len(done)+len(last.deletes))
	pos := 0
	for _, op := range ops {
		if op.i < pos {
			panic("compose: two frames hold the same edits")
		}
		out = append(out, sorted[pos:op.i]...)
		if op.start != last.start {
			out = append(out, op.edit)
		}
		pos = op.j
	}
	out = append(out, sorted[pos:]...)
	m.f.SetEdits(append(append(out, last.edit), last.deletes...))
}

// composeEach makes composeAll compose one frame after another, as it
// does when frames overlap (TestComposeAllIsComposeEach compares the two).
var composeEach = false

// disjointFrames reports whether no frame's range reaches into another's
// and only the last frame (the handler's) deletes statements with it.
func disjointFrames(frames []*frame) bool {
	for _, fr := range frames[:len(frames)-1] {
		if len(fr.h.deletes) > 0 {
			return false
		}
	}
	spans := make([][2]int, 0, len(frames))
	for _, fr := range frames {
		spans = append(spans, [2]int{fr.h.start, fr.h.end})
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	for k := 1; k < len(spans); k++ {
		if spans[k][0] < spans[k-1][1] {
			return false
		}
	}
	return true
}
