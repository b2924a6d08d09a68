package transforms

import (
	"testing"

	"github.com/routemod/routemod/codemod"
)

// TestBodyForm holds what counts as evidence that a route's body is a form.
func TestBodyForm(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		want      formKind
	}{
		{"plain JSON", `export default function h(req, res) { res.json(req.body.email) }`, jsonBody},
		{"a comment naming urlencoded", "// Twilio posts application/x-www-form-urlencoded\nexport default function h(req, res) { res.json(req.body.From) }", formBody},
		{"SAML fields", `export default function h(req, res) { const { SAMLResponse, RelayState } = req.body; res.end() }`, formBody},
		{"OAuth token endpoint", `export default function h(req, res) { res.json(req.body.grant_type === "x") }`, formBody},
		{"a field through a local", `export default function h(req, res) { const b = req.body; res.json(b.code_verifier) }`, formBody},
		{"a subscript", `export default function h(req, res) { res.json(req.body["p_signature"]) }`, formBody},
		{"twilio imported", "import twilio from \"twilio\";\nexport default function h(req, res) { res.json(req.body.Body) }", formBody},
		{"an OAuth client building a form is JSON", `export default function h(req, res) { const f = new URLSearchParams({ grant_type: "code", code: req.body.code }); res.json(f) }`, jsonBody},
		{"a grant_type string elsewhere is JSON", `export default function h(req, res) { params.append("grant_type", "x"); res.json(req.body.a) }`, jsonBody},
		{"a form submission comment is not enough", "// handle the contact form submission\nexport default function h(req, res) { res.json(req.body.email) }", jsonBody},
		{"a Content-Type test for a form", `export default function h(req, res) { const f = req.headers["content-type"] === "application/x-www-form-urlencoded"; res.json(req.body) }`, mixedBody},
		{"a Content-Type test for JSON only", `export default function h(req, res) { if (req.headers["content-type"] !== "application/json") return res.status(415).end(); res.json(req.body) }`, jsonBody},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := codemod.NewParser()
			defer p.Close()
			root, err := p.Parse([]byte(tt.src), false)
			if err != nil {
				t.Fatal(err)
			}
			f := &codemod.File{Path: "pages/api/x.js", Src: []byte(tt.src), Root: root, Style: codemod.DetectStyle([]byte(tt.src))}
			m := newMigration(f)
			if !m.findHandler() {
				t.Fatalf("no handler: %s", f.Skipped())
			}
			if got, why := m.bodyForm(); got != tt.want {
				t.Errorf("bodyForm() = %d (%s), want %d", got, why, tt.want)
			}
		})
	}
}
