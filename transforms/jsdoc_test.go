package transforms

import "testing"

func TestJSDocParam(t *testing.T) {
	for _, tt := range []struct {
		line, typ, name string
		ok              bool
	}{
		{" * @param {import('next').NextApiResponse} res", "import('next').NextApiResponse", "res", true},
		{" * @param {import('next').NextApiResponse<{ id: string }>} response the reply", "import('next').NextApiResponse<{ id: string }>", "response", true},
		{"@param {NextApiResponse} [res]", "NextApiResponse", "res", true},
		{" * @param {string} id", "string", "id", true},
		{" * @returns {void}", "", "", false},
		{" * @param {Foo<{ a: 1 } broken", "", "", false},
		{" * @param {Foo}", "", "", false},
	} {
		typ, name, ok := jsdocParam(tt.line)
		if typ != tt.typ || name != tt.name || ok != tt.ok {
			t.Errorf("jsdocParam(%q) = %q, %q, %v; want %q, %q, %v", tt.line, typ, name, ok, tt.typ, tt.name, tt.ok)
		}
	}
}
