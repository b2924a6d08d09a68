package transforms

import (
	"testing"

	"github.com/routemod/routemod/codemod"
)

// TestReadCorsOptions holds what routemod reads of a cors options object
// (expressjs/cors 2.8.5's defaults where an option is absent) and what it
// refuses.
func TestReadCorsOptions(t *testing.T) {
	for _, tt := range []struct {
		opts string
		want corsOptions
		why  string
	}{
		{`{}`, corsOptions{origin: "*", methods: "GET,HEAD,PUT,PATCH,POST,DELETE", status: "204"}, ""},
		{`{ origin: "https://a.example", methods: ["GET", "POST"], credentials: true }`, corsOptions{origin: "https://a.example", methods: "GET,POST", credentials: true, status: "204"}, ""},
		{`{ allowedHeaders: "X-A,X-B", exposedHeaders: ["X-C"], maxAge: 600, optionsSuccessStatus: 200 }`, corsOptions{origin: "*", methods: "GET,HEAD,PUT,PATCH,POST,DELETE", allowed: "X-A,X-B", exposed: "X-C", maxAge: "600", status: "200"}, ""},
		{`{ headers: ["X-A"], preflightContinue: false }`, corsOptions{origin: "*", methods: "GET,HEAD,PUT,PATCH,POST,DELETE", allowed: "X-A", status: "204"}, ""},
		{`{ origin: true }`, corsOptions{}, `origin true is not one fixed origin or "*"`},
		{`{ origin: ["https://a.example", "https://b.example"] }`, corsOptions{}, `origin ["https://a.example", "https://b.example"] is not one fixed origin or "*"`},
		{`{ origin: (o, cb) => cb(null, true) }`, corsOptions{}, `origin (o, cb) => cb(null, true) is not one fixed origin or "*"`},
		{`{ preflightContinue: true }`, corsOptions{}, "preflightContinue true lets the handler answer the preflight"},
		{`{ credentials: process.env.C === "1" }`, corsOptions{}, `credentials process.env.C === "1" is not true or false`},
		{`{ ...base }`, corsOptions{}, "a spread or a method in them"},
		{`{ methods: METHODS }`, corsOptions{}, "methods METHODS is not a string or a list of strings"},
	} {
		t.Run(tt.opts, func(t *testing.T) {
			src := "const o = " + tt.opts + ";\nexport default function h(req, res) { res.end() }\n"
			p := codemod.NewParser()
			defer p.Close()
			root, err := p.Parse([]byte(src), false)
			if err != nil {
				t.Fatal(err)
			}
			f := &codemod.File{Path: "pages/api/x.js", Src: []byte(src), Root: root, Style: codemod.DetectStyle([]byte(src))}
			m := newMigration(f)
			got, why := m.readCorsOptions(m.moduleConst("o"))
			if why != tt.why || why == "" && got != tt.want {
				t.Errorf("readCorsOptions(%s) = %+v, %q; want %+v, %q", tt.opts, got, why, tt.want, tt.why)
			}
		})
	}
}

// TestReadCorsModules holds what routemod reads of a project module for
// the cors rows: its module-level cors instances (with their options or
// why not) and whether each function is the docs' runMiddleware.
func TestReadCorsModules(t *testing.T) {
	src := `import Cors from "cors";
const o = { origin: "https://a.example" };
export const cors = Cors(o);
export const open = Cors();
export const custom = Cors({ origin: true });
export const other = make({ origin: "*" });
export function runMiddleware(req, res, fn) { return new Promise((ok) => fn(req, res, ok)); }
export const runLoose = (req, res, fn) => new Promise((ok) => fn(req, {}, ok));
`
	cm := readLibModules(map[string][]byte{"lib/m.js": []byte(src), "lib/none.js": []byte("export const x = 1;\n")})
	if cm == nil {
		t.Fatal("readLibModules = nil")
	}
	for _, tt := range []struct {
		name, origin, why string
		found             bool
	}{
		{"cors", "https://a.example", "", true},                            // const cors = Cors(o) => o read
		{"open", "*", "", true},                                            // Cors() => the defaults
		{"custom", "", `origin true is not one fixed origin or "*"`, true}, // unreadable
		{"other", "", "", false},                                           // not the cors package's
	} {
		in, ok := cm.instances[helperKey{"lib/m.js", tt.name}]
		if ok != tt.found || in.why != tt.why || tt.why == "" && in.o.origin != tt.origin {
			t.Errorf("instance %s = %+v, %v; want origin %q, why %q, found %v", tt.name, in, ok, tt.origin, tt.why, tt.found)
		}
	}
	for name, want := range map[string]string{
		"runMiddleware": "",
		"runLoose":      "this runMiddleware does not call its middleware with (req, res, callback)",
	} {
		if got, ok := cm.runners[helperKey{"lib/m.js", name}]; !ok || got != want {
			t.Errorf("runner %s = %q, %v; want %q", name, got, ok, want)
		}
	}
}
