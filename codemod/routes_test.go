package codemod

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestPlanTarget(t *testing.T) {
	tests := []struct{ in, want string }{
		{"pages/api/login.ts", "app/api/login/route.ts"},
		{"pages/api/users/index.ts", "app/api/users/route.ts"},
		{"pages/api/index.js", "app/api/route.js"},
		{"pages/api/users/[id].ts", "app/api/users/[id]/route.ts"},
		{"pages/api/files/[...path].js", "app/api/files/[...path]/route.js"},
		{"pages/api/docs/[[...slug]].tsx", "app/api/docs/[[...slug]]/route.tsx"},
		{"src/pages/api/a/b.jsx", "src/app/api/a/b/route.jsx"},
		{"pages/api/legacy.mjs", "app/api/legacy/route.js"},
		{"pages/api/legacy.cjs", "app/api/legacy/route.js"},
	}
	for _, tt := range tests {
		got, err := PlanTarget(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("PlanTarget(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := PlanTarget("pages/about.tsx"); err == nil {
		t.Error("a page outside pages/api must not be planned")
	}
}

func TestRouteSegments(t *testing.T) {
	got := RouteSegments("pages/api/[org]/docs/[...path]/[[...rest]].ts")
	want := []Segment{{Name: "org"}, {Name: "path", CatchAll: true}, {Name: "rest", CatchAll: true, Optional: true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestIsRouteFile(t *testing.T) {
	for in, want := range map[string]bool{
		"pages/api/a.ts": true, "src/pages/api/a.js": true, "pages/api/a.d.ts": false,
		"pages/a.ts": false, "pages/api/a.css": false, "app/api/a/route.ts": false,
	} {
		if got := IsRouteFile(in); got != want {
			t.Errorf("IsRouteFile(%q) = %v", in, got)
		}
	}
}

func TestDetectStyle(t *testing.T) {
	tests := []struct {
		src  string
		want Style
	}{
		{"a {\n  b;\n}\n", Style{"\n", "  "}},
		{"a {\r\n    b;\r\n}\r\n", Style{"\r\n", "    "}},
		{"a {\n\tb;\n\t\tc;\n}\n", Style{"\n", "\t"}},
		{"x;\n", Style{"\n", "  "}},
		{"/**\n * doc\n */\na {\n    b;\n}\n", Style{"\n", "    "}},
	}
	for _, tt := range tests {
		if got := DetectStyle([]byte(tt.src)); got != tt.want {
			t.Errorf("DetectStyle(%q) = %+v, want %+v", tt.src, got, tt.want)
		}
	}
}

func TestGate(t *testing.T) {
	if se := Gate([]byte("export const a: number = 1;\n"), "a.ts"); se != nil {
		t.Errorf("valid TS rejected: %v", se)
	}
	if se := Gate([]byte("export const a = <div/>;\n"), "a.js"); se != nil {
		t.Errorf("JSX in .js rejected: %v", se)
	}
	se := Gate([]byte("const a = ;\n"), "a.ts")
	if se == nil || se.Line != 1 || se.Column != 11 {
		t.Errorf("want an error at 1:11, got %+v", se)
	}
}

func TestParseRejectsErrors(t *testing.T) {
	p := NewParser()
	defer p.Close()
	if _, err := p.Parse([]byte("export default function h(req, res) { res.json(1) }\n"), false); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Parse([]byte("function (\n"), false); err == nil {
		t.Error("a tree with errors must be rejected")
	}
}

func TestPageExtensions(t *testing.T) {
	exts := []string{"page.tsx", "page.ts", "api.ts"}
	for in, want := range map[string]string{
		"pages/api/users.page.ts":   "app/api/users/route.page.ts",
		"pages/api/index.api.ts":    "app/api/route.api.ts",
		"pages/api/a/[id].page.tsx": "app/api/a/[id]/route.page.tsx",
	} {
		ext, ok := RouteExt(in, exts)
		got, err := PlanTargetExt(in, ext)
		if !ok || err != nil || got != want {
			t.Errorf("%s => %q (%v, %v), want %q", in, got, ok, err, want)
		}
	}
	if _, ok := RouteExt("pages/api/helper.ts", exts); ok {
		t.Error("a file without a page extension is not a route")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "next.config.js"), []byte("module.exports = {\n  pageExtensions: ['page.tsx', \"page.ts\"],\n};\n"), 0o644)
	if got, warn := ReadPageExtensions(dir); !reflect.DeepEqual(got, []string{"page.tsx", "page.ts"}) || warn != "" {
		t.Errorf("ReadPageExtensions = %v, %q", got, warn)
	}
	os.WriteFile(filepath.Join(dir, "next.config.js"), []byte("module.exports = { pageExtensions: exts };\n"), 0o644)
	if got, warn := ReadPageExtensions(dir); !reflect.DeepEqual(got, DefaultPageExts) || warn == "" {
		t.Errorf("non-literal pageExtensions: %v, %q", got, warn)
	}
}

func TestMatchesPage(t *testing.T) {
	for _, tt := range []struct {
		pattern, path string
		want          bool
	}{
		{"/", "/", true}, {"/", "/a", false}, {"/blog/[slug]", "/blog/hello", true}, {"/blog/[slug]", "/blog", false},
		{"/docs/[...p]", "/docs/a/b", true}, {"/docs/[...p]", "/docs", false}, {"/docs/[[...p]]", "/docs", true},
		{"/about", "/about/", true}, {"/about", "/contact", false},
	} {
		if got := MatchesPage(tt.pattern, tt.path); got != tt.want {
			t.Errorf("MatchesPage(%q, %q) = %v", tt.pattern, tt.path, got)
		}
	}
}

func TestGateBatch(t *testing.T) {
	in := []GateInput{
		{[]byte("export const a: number = 1;\n"), "a.ts"},
		{[]byte("export const b = <div/>;\n"), "b.js"},
		{[]byte("const c = ;\n"), "c.ts"},
		{[]byte("export const d = () => <p>{1}</p>;\n"), "d.tsx"},
		{[]byte("let x = 1;\nexport default function () {\n  return x +;\n}\n"), "e.jsx"},
		{[]byte("export const f = <T,>(x: T) => x;\n"), "f.ts"},
	}
	got := GateBatch(in)
	for i, want := range []string{"", "", "1:11", "", "3:13", ""} {
		se := got[i]
		switch {
		case want == "" && se != nil:
			t.Errorf("%s rejected: %v", in[i].Name, se)
		case want != "" && (se == nil || fmt.Sprintf("%d:%d", se.Line, se.Column) != want):
			t.Errorf("%s: want an error at %s, got %v", in[i].Name, want, se)
		}
		if alone := Gate(in[i].Src, in[i].Name); (alone == nil) != (se == nil) {
			t.Errorf("%s: batch and single gate disagree: %v vs %v", in[i].Name, se, alone)
		}
	}
}
