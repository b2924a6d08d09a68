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
