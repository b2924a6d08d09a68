package verify

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func writeFiles(t *testing.T, root string, files ...string) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("export {}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRoutes: a route counts when the candidate serves it from app/api and
// the baseline served the same URL from pages/api.
func TestRoutes(t *testing.T) {
	base, cand := t.TempDir(), t.TempDir()
	writeFiles(t, base,
		"pages/api/hello.ts",           // => /api/hello
		"pages/api/users/index.js",     // => /api/users
		"pages/api/users/[id].ts",      // => /api/users/[id]
		"pages/api/docs/[[...s]].ts",   // => /api/docs/[[...s]]
		"pages/api/kept.ts",            // stays in pages: not a route
		"pages/api/types.d.ts",         // not a route
		"pages/about.tsx",              // not an API route
		"src/pages/api/src-route.ts",   // => /api/src-route
		"pages/api/grouped.ts",         // => /api/grouped
		"pages/api/new-only-in-app.md", // not a page
	)
	writeFiles(t, cand,
		"app/api/hello/route.ts",
		"app/api/users/route.js",
		"app/api/users/[id]/route.ts",
		"app/api/docs/[[...s]]/route.ts",
		"app/api/added/route.ts", // not in the baseline
		"app/api/_lib/route.ts",  // private folder
		"app/api/(admin)/grouped/route.ts",
		"src/app/api/src-route/route.ts",
		"pages/api/kept.ts",
	)
	got, err := Routes(base, cand)
	if err != nil {
		t.Fatal(err)
	}
	want := []Route{
		{"/api/docs/[[...s]]", "pages/api/docs/[[...s]].ts", "app/api/docs/[[...s]]/route.ts"},
		{"/api/grouped", "pages/api/grouped.ts", "app/api/(admin)/grouped/route.ts"},
		{"/api/hello", "pages/api/hello.ts", "app/api/hello/route.ts"},
		{"/api/src-route", "src/pages/api/src-route.ts", "src/app/api/src-route/route.ts"},
		{"/api/users", "pages/api/users/index.js", "app/api/users/route.js"},
		{"/api/users/[id]", "pages/api/users/[id].ts", "app/api/users/[id]/route.ts"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Routes:\ngot  %v\nwant %v", got, want)
	}
}

func TestSample(t *testing.T) {
	values := map[string]string{"slug": "x/y/z", "org": "acme"}
	for _, tc := range []struct{ pattern, want string }{
		{"/api/hello", "/api/hello"},                   // static => as is
		{"/api/users/[id]", "/api/users/1"},            // [id] => 1
		{"/api/files/[...path]", "/api/files/a/b"},     // [...path] => a/b
		{"/api/docs/[[...rest]]", "/api/docs/a/b"},     // [[...rest]] => a/b
		{"/api/items/[...slug]", "/api/items/x/y/z"},   // a value from the requests file
		{"/api/[org]/users/[id]", "/api/acme/users/1"}, // by name, each segment
	} {
		if got := (Route{Pattern: tc.pattern}).Sample(values); got != tc.want {
			t.Errorf("Sample(%s) = %s, want %s", tc.pattern, got, tc.want)
		}
	}
}

func TestRouteOf(t *testing.T) {
	var routes []Route
	for _, p := range []string{"/api/users", "/api/users/[id]", "/api/users/me", "/api/items/[...slug]", "/api/docs/[[...slug]]"} {
		routes = append(routes, Route{Pattern: p})
	}
	for _, tc := range []struct{ path, want string }{
		{"/api/users", "/api/users"},
		{"/api/users/", "/api/users"},
		{"/api/users?page=2", "/api/users"},
		{"/api/users/7", "/api/users/[id]"},
		{"/api/users/me", "/api/users/me"}, // static beats dynamic
		{"/api/users/7/posts", ""},
		{"/api/items", ""}, // a catch-all needs one segment
		{"/api/items/a/b", "/api/items/[...slug]"},
		{"/api/docs", "/api/docs/[[...slug]]"}, // an optional one needs none
		{"/api/docs/a", "/api/docs/[[...slug]]"},
		{"/api/kept", ""},
	} {
		if got := RouteOf(routes, tc.path); got != tc.want {
			t.Errorf("RouteOf(%s) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

func TestGenerate(t *testing.T) {
	routes := []Route{{Pattern: "/api/a"}, {Pattern: "/api/b/[id]"}}
	got := Generate(routes, ReadMethods, map[string]string{"id": "42"})
	want := []Spec{
		{Method: "GET", Path: "/api/a", Generated: true},
		{Method: "HEAD", Path: "/api/a", Generated: true},
		{Method: "GET", Path: "/api/b/42", Generated: true},
		{Method: "HEAD", Path: "/api/b/42", Generated: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Generate:\ngot  %v\nwant %v", got, want)
	}
	if n := len(Generate(routes, AllMethods, nil)); n != 2*len(AllMethods) {
		t.Errorf("Generate with every method: %d requests, want %d", n, 2*len(AllMethods))
	}
}
