package transforms

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/project"
)

// helperPlan is what the project's own helpers (exported functions outside
// pages/ that the routes hand req or res to) become. It is the planning
// layer between the project index and the route transforms:
//
//   - Prepare builds it once per project, before any route is translated:
//     for each module the index names as holding helpers, one parse, and a
//     trial translation of its helpers that decides which can be rewritten
//     with the same meaning (reason says why not) and how each is called.
//   - The route transforms ask it (remoteFrame), never reading other files:
//     a call that hands res to a planned helper becomes a call of its app
//     version, under the name the plan gives.
//   - Settle, once every route's fate is known, decides per helper: rewritten
//     in place when every file that uses it moves in this run (or is a
//     helper rewritten in place with it), else its app version added beside
//     the pages one under a new name (okResponse). The routes translated
//     under a name that changed are migrated again, and each helper module
//     gets a codemod.ProjectChange whose Edit runs the same translation on
//     the driver's parse of the file.
//
// Wrappers (withAuth(handler)) can plan their modules the same way: a
// planned module change is a codemod.ProjectChange, and a route that
// depends on a decision calls File.DependOnSettle.
type helperPlan struct {
	ix      *project.Index
	modules []*helperModule // sorted by path
	byKey   map[helperKey]*planned

	mu sync.Mutex
	// called records, per route, the helpers its migration called and the
	// name it called each by (see Settle: a name that changed is redone).
	called map[string]map[helperKey]string
	// byWrappers are the helpers the app versions of the project's
	// wrappers call, each with the moving routes those wrappers wrap (see
	// wrapperPlan.helperNeeds): needed for them.
	byWrappers map[helperKey][]string
}

// helperKey names a function of a module.
type helperKey struct{ file, name string }

// helperModule is a module that holds planned helpers.
type helperModule struct {
	path    string
	src     []byte
	ts      bool
	helpers []*planned // in file order
	cjs     bool
}

// planned is one helper of the plan.
type planned struct {
	key                helperKey
	exported           string // the name it is exported under
	resIndex, reqIndex int
	// reason says why it stays as it is ("" when it migrates).
	reason string
	// users are the other files that import it; pinned is set when code
	// of its own module that routemod leaves as it is uses it, and inner
	// are the planned helpers of its module that call it.
	users  []string
	pinned bool
	inner  []helperKey
	// beside is the name of its app version when it is added beside the
	// pages one; inPlace the decision (see decide); needed is set when a
	// route that moves, or a needed helper, calls it.
	beside  string
	inPlace bool
	needed  bool
	what    string
	// guard is set for a helper that sends on failure and returns a value
	// on success (helperguard.go).
	guard bool
	// async is set when its app version is async and the pages one was
	// not (it reads the body: await req.json()): its callers await it.
	async bool
	// readsBody is set when it reads req.body: the one read a Request allows.
	readsBody bool
	// sets is the property a decorating guard sets on the request
	// (req.auth): its app version returns it (decorate.go).
	sets string
	// headers is set when it sets headers on res for its caller's
	// response: its app version takes the caller's Headers in res's place
	// (helperheaders.go); resMembers are what it calls on res itself.
	headers    bool
	resMembers []string
	// ownHeaders is set for a send or guard helper that sets headers on
	// the Response it answers with (see frame.ownHeaders).
	ownHeaders bool
}

// appName is the name the app version has.
func (p *planned) appName() string {
	if p.inPlace {
		return p.key.name
	}
	return p.beside
}

// buildHelperPlan plans the helpers of the project the index ix reads;
// src holds the text of every source file outside pages/ (the driver read
// them once for the index). It returns nil when there is nothing to plan.
func buildHelperPlan(ix *project.Index, src map[string][]byte, routes map[string]string) *helperPlan {
	fns := ix.HelperFuncs()
	if len(fns) == 0 {
		return nil
	}
	pl := &helperPlan{ix: ix, byKey: map[helperKey]*planned{}, called: map[string]map[helperKey]string{}}
	mods := map[string]*helperModule{}
	for _, fn := range fns {
		resAt, reqAt := -1, -1
		for _, u := range fn.Uses {
			if u.Role&project.Res != 0 && resAt < 0 {
				resAt = u.Index
			} else if u.Role == project.Req && reqAt < 0 {
				reqAt = u.Index
			}
		}
		if resAt < 0 && reqAt < 0 {
			continue
		}
		text, ok := src[fn.File]
		if !ok {
			continue
		}
		mod := mods[fn.File]
		if mod == nil {
			ext := fn.File[strings.LastIndexByte(fn.File, '.'):]
			mod = &helperModule{path: fn.File, src: text, ts: ext == ".ts" || ext == ".tsx" || ext == ".mts" || ext == ".cts", cjs: ix.Module(fn.File).CommonJS}
			mods[fn.File] = mod
			pl.modules = append(pl.modules, mod)
		}
		p := &planned{key: helperKey{fn.File, fn.Name}, exported: fn.Exports[0], resIndex: resAt, reqIndex: reqAt}
		p.readsBody = reqAt >= 0 && slices.Contains(fn.Uses[reqAt].Members, "body")
		for _, u := range fn.Uses {
			if u.Index == resAt {
				p.resMembers = u.Members
			}
		}
		users, reexported := ix.Users(fn.File, fn.Exports)
		p.users = users
		switch {
		case reexported:
			p.reason = "another module re-exports it, so its callers import it from there"
		case mod.cjs:
			p.reason = "its module is CommonJS (module.exports), where routemod adds no export"
		case slices.Contains(fn.Exports, "default"):
			p.reason = "it is its module's default export (routemod rewrites named helpers)"
		case fn.Exports[0] != fn.Name || len(fn.Exports) > 1:
			p.reason = "it is exported under another name than its own"
		case reqAt >= 0 && slices.Contains(fn.Uses[reqAt].Members, "query") && slices.ContainsFunc(users, func(u string) bool { return len(codemod.RouteSegments(u)) > 0 }):
			// pages put a dynamic route's path params in req.query; a helper sees no params
			p.reason = "it reads req.query, which pages filled with the path params of a dynamic route that calls it"
		}
		mod.helpers = append(mod.helpers, p)
		pl.byKey[p.key] = p
	}
	sort.Slice(pl.modules, func(i, j int) bool { return pl.modules[i].path < pl.modules[j].path })
	// One parse per module; the trial translations run on it until no
	// helper's fate changes (a helper that calls one that cannot migrate
	// cannot either).
	parser := codemod.NewParser()
	defer parser.Close()
	files := map[*helperModule]*codemod.File{}
	for _, mod := range pl.modules {
		root, err := parser.Parse(mod.src, !mod.ts)
		if err != nil {
			for _, p := range mod.helpers {
				p.reason = "its module does not parse"
			}
			continue
		}
		files[mod] = &codemod.File{Path: mod.path, Src: mod.src, Root: root, TypeScript: mod.ts, Style: codemod.DetectStyle(mod.src), NextMajor: 16}
		pl.scanUses(files[mod], mod)
	}
	for _, p := range pl.byKey {
		p.needed = p.reason == ""
	}
	pl.decide(func(rel string) bool { _, ok := routes[rel]; return ok })
	for range 8 {
		changed := false
		for _, mod := range pl.modules {
			f := files[mod]
			if f == nil {
				continue
			}
			trial := &codemod.File{Path: f.Path, Src: f.Src, Root: f.Root, TypeScript: f.TypeScript, Style: f.Style, NextMajor: f.NextMajor}
			async := map[*planned]bool{}
			for _, p := range mod.helpers {
				async[p] = p.async
			}
			for key, why := range pl.translate(trial, mod) {
				if p := pl.byKey[key]; p.reason == "" {
					p.reason, p.needed, changed = why, false, true
				}
			}
			for _, p := range mod.helpers {
				changed = changed || async[p] != p.async // its callers must now await it
			}
		}
		if !changed {
			break
		}
		pl.decide(func(rel string) bool { _, ok := routes[rel]; return ok })
	}
	return pl
}

// scanUses reads how the module itself uses each of its helpers: a call
// from another planned helper (inner), any other reference (pinned). It
// also picks the name of each one's app version when added beside.
func (pl *helperPlan) scanUses(f *codemod.File, mod *helperModule) {
	m := newMigration(f)
	for _, p := range mod.helpers {
		stmt, fn := m.topLevelFunction(p.key.name)
		if fn == nil {
			if p.reason == "" {
				p.reason = "routemod does not read its definition as a function"
			}
			continue
		}
		suffix := "Response" // okResponse: it returns the Response
		if p.resIndex < 0 {
			suffix = "App" // getUserApp: it reads the app router's NextRequest
		} else if onlyHeaderMembers(p.resMembers) {
			suffix = "Headers" // setCookieHeaders: it sets headers on the Headers it is given
		}
		p.beside = freshName(m.idents, p.key.name+suffix)
		m.idents[p.beside] = true
		f.Root.Walk(func(n *Node) bool {
			if n == stmt {
				return false
			}
			if n.Kind != "identifier" || m.text(n) != p.key.name || n.Parent != nil && n.Parent.Kind == "export_specifier" {
				return true
			}
			for _, q := range mod.helpers {
				if _, qfn := m.topLevelFunction(q.key.name); qfn != nil && q != p && qfn.Contains(n) {
					p.inner = append(p.inner, q.key)
					return true
				}
			}
			p.pinned = true
			return true
		})
	}
	// the planned helpers of other modules this one uses: a call from a
	// helper of its own (requireUser => unauthorized in lib/http.ts), or
	// code routemod leaves as it is
	asked := map[string]*planned{}
	f.Root.Walk(func(n *Node) bool {
		if n.Kind == "import_statement" || n.Kind == "export_statement" && n.ChildByField("source") != nil {
			return false
		}
		if n.Kind != "identifier" {
			return true
		}
		name := m.text(n)
		p, ok := asked[name]
		if !ok {
			if file, local, _, found := pl.ix.Handles(mod.path, nil, name); found && file != mod.path {
				p = pl.byKey[helperKey{file, local}]
			}
			asked[name] = p
		}
		if p == nil {
			return true
		}
		for _, q := range mod.helpers {
			if _, qfn := m.topLevelFunction(q.key.name); qfn != nil && qfn.Contains(n) {
				p.inner = append(p.inner, q.key)
				return true
			}
		}
		p.pinned = true
		return true
	})
}

// freshName returns name, or name_2, name_3, ... the first the file does not spell.
func freshName(idents map[string]bool, name string) string {
	if !idents[name] {
		return name
	}
	for i := 2; ; i++ {
		if c := name + "_" + strconv.Itoa(i); !idents[c] {
			return c
		}
	}
}

// decide settles, for the fates moves gives, which needed helpers are
// rewritten in place: those every user of which moves (a route of the
// run that moves) and every caller in their own module is rewritten in
// place too.
func (pl *helperPlan) decide(moves func(rel string) bool) {
	for _, p := range pl.byKey {
		p.inPlace = p.reason == "" && p.needed && !p.pinned
		for _, u := range p.users {
			if pl.module(u) != nil {
				continue // a helper module: its uses are inner or pinned (scanUses)
			}
			if !codemod.IsRouteFile(u) || !moves(u) {
				p.inPlace = false
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, p := range pl.byKey {
			if !p.inPlace {
				continue
			}
			for _, k := range p.inner {
				if q := pl.byKey[k]; q == nil || !q.inPlace {
					p.inPlace, changed = false, true
					break
				}
			}
		}
	}
}

// module returns the helper module at path, nil when it is not one.
func (pl *helperPlan) module(path string) *helperModule {
	for _, mod := range pl.modules {
		if mod.path == path {
			return mod
		}
	}
	return nil
}

// helper returns the planned helper key names, nil when there is none or
// it stays as it is.
func (pl *helperPlan) helper(key helperKey) *planned {
	if pl == nil {
		return nil
	}
	if p := pl.byKey[key]; p != nil && p.reason == "" {
		return p
	}
	return nil
}

// unplanned returns why the helper key stays as it is ("" when it is not
// a planned helper, or migrates).
func (pl *helperPlan) unplanned(key helperKey) string {
	if pl == nil {
		return ""
	}
	if p := pl.byKey[key]; p != nil {
		return p.reason
	}
	return ""
}

// record notes that the migration of route called the helper key by name.
func (pl *helperPlan) record(route string, key helperKey, name string) {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	if pl.called[route] == nil {
		pl.called[route] = map[helperKey]string{}
	}
	pl.called[route][key] = name
}

// forget drops what an earlier migration of route recorded (it runs again).
func (pl *helperPlan) forget(route string) {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	delete(pl.called, route)
}

// settle decides every helper for the routes' fates and returns the routes
// to migrate again (a helper they call changed its name) and the module
// changes.
func (pl *helperPlan) settle(moves func(rel string) bool) (redo []string, changes []*codemod.ProjectChange) {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	usedBy := map[helperKey][]string{}
	for _, p := range pl.byKey {
		p.needed = false
	}
	for route, calls := range pl.called {
		if !moves(route) {
			continue
		}
		for k := range calls {
			if p := pl.byKey[k]; p != nil && p.reason == "" {
				p.needed = true
				usedBy[k] = append(usedBy[k], route)
			}
		}
	}
	for k, routes := range pl.byWrappers {
		// withAuth's app version calls getUserApp: needed for the routes it wraps
		if p := pl.byKey[k]; p != nil && p.reason == "" {
			p.needed = true
			for _, r := range routes {
				if !slices.Contains(usedBy[k], r) {
					usedBy[k] = append(usedBy[k], r)
				}
			}
		}
	}
	// what a needed helper calls in its module is needed too
	for changed := true; changed; {
		changed = false
		for _, p := range pl.byKey {
			if p.needed {
				continue
			}
			for _, k := range p.inner {
				if q := pl.byKey[k]; q != nil && q.needed {
					p.needed, changed = true, true
					break
				}
			}
		}
	}
	pl.decide(moves)
	for route, calls := range pl.called {
		if !moves(route) {
			continue
		}
		for k, name := range calls {
			if p := pl.byKey[k]; p != nil && p.appName() != name {
				redo = append(redo, route)
				break
			}
		}
	}
	sort.Strings(redo)
	// the routes that need a helper: those that call it, and those that
	// call a needed helper that calls it (its change failing fails theirs)
	needs := map[helperKey][]string{}
	for k, rs := range usedBy {
		needs[k] = append(needs[k], rs...)
	}
	for changed := true; changed; {
		changed = false
		for _, p := range pl.byKey {
			for _, k := range p.inner {
				for _, r := range needs[k] {
					if !slices.Contains(needs[p.key], r) {
						needs[p.key] = append(needs[p.key], r)
						changed = true
					}
				}
			}
		}
	}
	for _, mod := range pl.modules {
		var names []codemod.ChangedName
		var routes []string
		for _, p := range mod.helpers {
			if !p.needed || p.reason != "" {
				continue
			}
			users := slices.Clone(usedBy[p.key])
			sort.Strings(users)
			cn := codemod.ChangedName{Name: p.appName(), What: p.what, Routes: users}
			if !p.inPlace {
				cn.Beside = p.key.name
			}
			names = append(names, cn)
			routes = append(routes, needs[p.key]...)
		}
		if len(names) == 0 {
			continue
		}
		slices.Sort(routes)
		mod := mod
		changes = append(changes, &codemod.ProjectChange{Path: mod.path, Kind: codemod.KindHelper, Src: mod.src, Names: names,
			Routes: slices.Compact(routes), Edit: func(f *codemod.File) { pl.edit(f, mod) }})
	}
	return redo, changes
}

// edit adds the module's final edits, on the driver's parse of it.
func (pl *helperPlan) edit(f *codemod.File, mod *helperModule) {
	pl.translate(f, mod)
}
