package transforms

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/project"
)

// ncMigration parses a route importing next-connect at version and finds
// its handler.
func ncMigration(t *testing.T, version, body string) *migration {
	t.Helper()
	imp := `import nc from "next-connect";` + "\n"
	if strings.HasPrefix(version, "1.") {
		imp = `import { createRouter } from "next-connect";` + "\n"
	}
	src := []byte(imp + body)
	p := codemod.NewParser()
	t.Cleanup(p.Close)
	root, err := p.Parse(src, false)
	if err != nil {
		t.Fatal(err)
	}
	f := &codemod.File{Path: "pages/api/x.js", Src: src, Root: root, Style: codemod.DetectStyle(src), NextMajor: 16}
	m := newMigration(f)
	m.ix = project.FromMoves(nil)
	m.ix.ReadInstalled(fstest.MapFS{"node_modules/next-connect/package.json": {Data: []byte(`{"version": "` + version + `"}`)}}, []string{"next-connect"})
	m.findHandler()
	return m
}

// TestNextConnectMethods holds which handler serves which method: the
// first route registered for it, as the router finds them.
func TestNextConnectMethods(t *testing.T) {
	for _, tt := range []struct {
		version, body string
		want          string // each route's methods, then the ones no route serves
	}{
		{"0.13.0", "export default nc().get((req, res) => res.end()).post((req, res) => res.end());",
			"GET | POST ; PUT PATCH DELETE"},
		{"0.13.0", "const h = nc();\nh.get((req, res) => res.end());\nh.all((req, res) => res.end());\nexport default h;",
			"GET | POST PUT PATCH DELETE ; "},
		{"0.13.0", "export default nc().all((req, res) => res.end()).get((req, res) => res.end());",
			"GET POST PUT PATCH DELETE ; "},
		{"0.13.0", "export default nc().get((req, res) => res.end()).get((req, res) => res.json(1));",
			"GET ; POST PUT PATCH DELETE"}, // the second never ran
		{"0.13.0", "export default nc().get((req, res) => res.end()).head((req, res) => res.end());",
			"GET ; POST PUT PATCH DELETE"}, // HEAD went to the GET route
		{"0.13.0", "export default nc().head((req, res) => res.end()).get((req, res) => res.end());",
			"HEAD | GET ; POST PUT PATCH DELETE"},
		{"0.13.0", "function list(req, res) { res.end() }\nexport default nc().get(list).post(list);",
			"GET POST ; PUT PATCH DELETE"},
		{"1.0.0", "const router = createRouter();\nrouter.put((req, res) => res.end());\nexport default router.handler();",
			"PUT ; GET POST PATCH DELETE"},
	} {
		t.Run(tt.body, func(t *testing.T) {
			m := ncMigration(t, tt.version, tt.body)
			if m.chain == nil {
				t.Fatalf("not a router: %s", m.f.Skipped())
			}
			var routes []string
			for _, fr := range m.chain.routes {
				routes = append(routes, strings.Join(fr.funcs[0].methods, " "))
			}
			if got := strings.Join(routes, " | ") + " ; " + strings.Join(m.chain.rest, " "); got != tt.want {
				t.Errorf("methods = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestNextConnectRefused holds the routers routemod leaves in pages/api,
// and why.
func TestNextConnectRefused(t *testing.T) {
	for _, tt := range []struct{ version, body, why string }{
		{"0.9.1", "export default nc().get((req, res) => res.end());", "nc() needs next-connect >=0.10.0 <1 (0.10.0 or later)"},
		{"1.0.0", "const r = createRouter();\nr.get((req, res) => res.end());\nexport default r;", "when the route exports router.handler(options)"},
		{"0.13.0", `export default nc().get("/api/x/:id", (req, res) => res.end());`, "when its routes match every path"},
		{"0.13.0", "export default nc().get(auth, (req, res) => res.end());", "when each method has one handler"},
		{"0.13.0", "export default nc().get((req, res, next) => next());", "when its handler does not call next()"},
		{"0.13.0", "export default nc().get((req, res) => res.json(req.params));", "when its handler does not read req.params"},
		{"0.13.0", "export default nc().get(imported);", "when its handlers are functions of the route file"},
		{"0.13.0", "export default nc().trace((req, res) => res.end());", "when the router only registers routes by method"},
		{"0.13.0", "export default nc(options).get((req, res) => res.end());", "when its options are an object written in the call"},
		{"0.13.0", "export default nc({ ...base }).get((req, res) => res.end());", "when its options are plain properties"},
		{"0.13.0", "export default nc({ onError: (err, req, res) => 1 }).get((req, res) => res.end());", "when its onError only answers"},
		{"1.0.0", "const router = createRouter();\nrouter.get((req, res) => res.end());\nexport default router.handler({ attachParams: true });", "when its options are onError and onNoMatch"},
		{"0.13.0", "const h = nc();\nh.get((req, res) => res.end());\nsetup(h);\nexport default h;", "when nothing else uses the router; h is also used on line 4"},
	} {
		t.Run(tt.body, func(t *testing.T) {
			m := ncMigration(t, tt.version, tt.body)
			if m.chain != nil || !strings.Contains(m.f.Skipped(), tt.why) {
				t.Errorf("skipped = %q, want ...%q...", m.f.Skipped(), tt.why)
			}
		})
	}
}
