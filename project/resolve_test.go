package project

import (
	"strings"
	"testing"
)

var resolveFiles = map[string]bool{
	"lib/db.ts": true, "lib/util/index.ts": true, "lib/esm.ts": true, "lib/old.js": true,
	"src/lib/x.tsx": true, "pages/api/send.ts": true, "pages/api/users/index.js": true,
	"types/d.d.ts": true, "components/Button.tsx": true,
}

func has(p string) bool { return resolveFiles[p] }

// TestResolve resolves specifiers as TypeScript and Next.js do.
func TestResolve(t *testing.T) {
	next := ParseConfig("tsconfig.json", []byte(`{
	  // Next.js's default, with comments and trailing commas
	  "compilerOptions": {
	    "baseUrl": ".",
	    "paths": { "@/*": ["./*"], "~lib/*": ["./src/lib/*", "./lib/*"], "db": ["lib/db.ts"], },
	  },
	}`), nil)
	noBase := ParseConfig("tsconfig.json", []byte(`{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}`), nil)
	var none Config
	for _, tt := range []struct {
		cfg        *Config
		from, spec string
		want       string
		how        How
	}{
		{&none, "pages/api/a.ts", "../../lib/db", "lib/db.ts", Relative},
		{&none, "pages/api/a.ts", "../../lib/util", "lib/util/index.ts", Relative},
		{&none, "pages/api/a.ts", "../../lib/esm.js", "lib/esm.ts", Relative}, // .js names the .ts file
		{&none, "pages/api/a.ts", "../../lib/old.js", "lib/old.js", Relative},
		{&none, "pages/api/a.ts", "./users", "pages/api/users/index.js", Relative},
		{&none, "pages/api/a.ts", "./missing", "", Unresolved},
		{&none, "pages/api/a.ts", "lib/db", "", Unresolved}, // no baseUrl: a package
		{&next, "lib/a.ts", "@/pages/api/send", "pages/api/send.ts", ByPaths},
		{&next, "lib/a.ts", "pages/api/send", "pages/api/send.ts", ByBaseURL},
		{&next, "lib/a.ts", "~lib/x", "src/lib/x.tsx", ByPaths},
		{&next, "lib/a.ts", "~lib/db", "lib/db.ts", ByPaths}, // the second place
		{&next, "lib/a.ts", "db", "lib/db.ts", ByPaths},      // an exact pattern
		{&next, "lib/a.ts", "@/types/d", "types/d.d.ts", ByPaths},
		{&next, "lib/a.ts", "next/server", "", Unresolved},
		{&noBase, "pages/api/a.ts", "@/lib/x", "src/lib/x.tsx", ByPaths},
		{&noBase, "pages/api/a.ts", "lib/db", "", Unresolved},
	} {
		got, how := tt.cfg.Resolve(tt.from, tt.spec, has)
		if got != tt.want || how != tt.how {
			t.Errorf("Resolve(%s, %s) = %q, %d; want %q, %d", tt.from, tt.spec, got, how, tt.want, tt.how)
		}
	}
}

// TestRespell keeps a specifier's style when its file moves.
func TestRespell(t *testing.T) {
	next := ParseConfig("tsconfig.json", []byte(`{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["./*"]}}}`), nil)
	src := ParseConfig("tsconfig.json", []byte(`{"compilerOptions": {"baseUrl": "src", "paths": {"@/*": ["./*"]}}}`), nil)
	for _, tt := range []struct {
		cfg            *Config
		from, spec, to string
		want           string
	}{
		{&next, "lib/a.ts", "../pages/api/send", "app/api/send/route.ts", "../app/api/send/route"},
		{&next, "lib/a.ts", "@/pages/api/send", "app/api/send/route.ts", "@/app/api/send/route"},
		{&next, "lib/a.ts", "pages/api/send", "app/api/send/route.ts", "app/api/send/route"},
		{&next, "lib/a.ts", "@/pages/api/send.ts", "app/api/send/route.ts", "@/app/api/send/route.ts"},
		{&next, "components/B.tsx", "@/pages/api/users", "app/api/users/route.js", "@/app/api/users/route"},
		{&src, "src/lib/a.ts", "@/pages/api/x", "src/app/api/x/route.ts", "@/app/api/x/route"},
		{&src, "src/lib/a.ts", "pages/api/x", "src/app/api/x/route.ts", "app/api/x/route"},
	} {
		_, how := tt.cfg.Resolve(tt.from, tt.spec, func(p string) bool {
			return strings.HasPrefix(p, "src/pages/api/") || strings.HasPrefix(p, "pages/api/")
		})
		if got := tt.cfg.Respell(tt.from, tt.spec, how, tt.to); got != tt.want {
			t.Errorf("Respell(%s, %s, %s) = %q, want %q", tt.from, tt.spec, tt.to, got, tt.want)
		}
	}
}

// TestParseConfig follows extends inside the project and marks one it
// cannot read.
func TestParseConfig(t *testing.T) {
	files := map[string]string{
		"tsconfig.base.json": `{"compilerOptions": {"baseUrl": "src", "paths": {"@app/*": ["app/*"]}}}`,
	}
	read := func(p string) ([]byte, bool) { s, ok := files[p]; return []byte(s), ok }
	c := ParseConfig("tsconfig.json", []byte(`{"extends": "./tsconfig.base", "compilerOptions": {"strict": true}}`), read)
	if c.BaseURL != "src" || !c.HasBase || len(c.Paths) != 1 || c.Paths[0].Subs[0] != "src/app/*" || c.Partial {
		t.Errorf("extends: %+v", c)
	}
	c = ParseConfig("tsconfig.json", []byte(`{"extends": "@acme/tsconfig/next.json"}`), read)
	if !c.Partial {
		t.Errorf("a shared config package: want Partial, got %+v", c)
	}
	c = ParseConfig("tsconfig.json", []byte(`{"extends": ["./tsconfig.base.json"], "compilerOptions": {"paths": {"@/*": ["./*"]}}}`), read)
	if c.BaseURL != "src" || len(c.Paths) != 1 || c.Paths[0].Prefix != "@/" || c.Paths[0].Subs[0] != "src/*" {
		t.Errorf("own paths over the base's, relative to the base's baseUrl: %+v", c)
	}
}

func TestStripJSONC(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`{"a": "// not a comment", /* c */ "b": [1, 2,], } // end`, `{"a": "// not a comment", "b": [1, 2] } `},
		{"{\"a\": 1, // c\n}", "{\"a\": 1\n}"},
		{`{"a": "x\"y,"}`, `{"a": "x\"y,"}`},
	} {
		if got := string(StripJSONC([]byte(tt.in))); got != tt.want {
			t.Errorf("StripJSONC(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
