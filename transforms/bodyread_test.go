package transforms

import (
	"testing"

	"github.com/routemod/routemod/codemod"
)

// TestReadsText holds which reads of req.body take the body as text:
// JSON.parse(req.body) does, unless a typeof test made it a string.
func TestReadsText(t *testing.T) {
	for _, tt := range []struct {
		name, expr string
		want       bool // for the read of req.body a call takes, else the first
	}{
		{"JSON.parse alone", `JSON.parse(req.body)`, true},
		{"querystring.parse", `querystring.parse(req.body)`, true},
		{"a plain read", `req.body.name`, false},
		{"the typeof test's branch", `typeof req.body === "string" ? JSON.parse(req.body) : req.body`, false},
		{"the test the other way round", `"string" == typeof req.body ? JSON.parse(req.body) : req.body`, false},
		{"an if's branch", `(() => { if (typeof req.body === "string") { return JSON.parse(req.body) } })()`, false},
		{"the other branch", `typeof req.body !== "string" ? req.body.x : JSON.parse(req.body)`, true},
		{"a test of another value", `typeof other === "string" ? JSON.parse(req.body) : null`, true},
		{"a test for an object", `typeof req.body === "object" ? null : JSON.parse(req.body)`, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte("export default function h(req, res) { res.json(" + tt.expr + ") }")
			p := codemod.NewParser()
			defer p.Close()
			root, err := p.Parse(src, true)
			if err != nil {
				t.Fatal(err)
			}
			f := &codemod.File{Path: "pages/api/x.js", Src: src, Root: root, Style: codemod.DetectStyle(src)}
			m := newMigration(f)
			if !m.findHandler() {
				t.Fatalf("no handler: %s", f.Skipped())
			}
			var read *Node // the one handed to a parser, else the first
			references(m.src, m.h.fn, m.h.req, func(r *Node) {
				if mem, prop, ok := memberOf(m, r); ok && prop == "body" && (read == nil || mem.Parent.Kind == "arguments" && read.Parent.Kind != "arguments") {
					read = mem
				}
			})
			if read == nil {
				t.Fatal("no read of req.body")
			}
			if got := m.readsText(read); got != tt.want {
				t.Errorf("readsText(%s) = %v, want %v", m.text(read.Parent), got, tt.want)
			}
		})
	}
}
