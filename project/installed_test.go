package project

import (
	"testing"
	"testing/fstest"
)

func TestInstalledVersion(t *testing.T) {
	pkgJSON := &fstest.MapFile{Data: []byte(`{"dependencies": {"next-auth": "^4.19.0"}, "devDependencies": {"@auth0/nextjs-auth0": "3.5.0"}}`)}
	for _, tc := range []struct {
		name  string
		files fstest.MapFS
		pkg   string
		want  Installed
	}{
		{"node_modules first", fstest.MapFS{
			"node_modules/next-auth/package.json": {Data: []byte(`{"name": "next-auth", "version": "4.24.11"}`)},
			"package-lock.json":                   {Data: []byte(`{"packages": {"node_modules/next-auth": {"version": "4.22.1"}}}`)},
			"package.json":                        pkgJSON,
		}, "next-auth", Installed{"4.24.11", "node_modules/next-auth/package.json"}},
		{"package-lock v3", fstest.MapFS{
			"package-lock.json": {Data: []byte(`{"lockfileVersion": 3, "packages": {"": {}, "node_modules/next-auth": {"version": "4.22.1"}, "node_modules/x/node_modules/next-auth": {"version": "3.0.0"}}}`)},
			"package.json":      pkgJSON,
		}, "next-auth", Installed{"4.22.1", "package-lock.json"}},
		{"package-lock v1", fstest.MapFS{
			"package-lock.json": {Data: []byte(`{"lockfileVersion": 1, "dependencies": {"next-auth": {"version": "4.18.10"}}}`)},
		}, "next-auth", Installed{"4.18.10", "package-lock.json"}},
		{"pnpm v9", fstest.MapFS{
			"pnpm-lock.yaml": {Data: []byte("lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      next-auth:\n        specifier: ^4.24.0\n        version: 4.24.11(next@16.0.0)\npackages:\n  next-auth@4.24.11:\n    resolution: {integrity: sha512-x}\n  next-auth-extra@1.0.0:\n    resolution: {}\nsnapshots:\n  next-auth@4.24.11(next@16.0.0):\n    dependencies: {}\n")},
		}, "next-auth", Installed{"4.24.11", "pnpm-lock.yaml"}},
		{"pnpm v5, two versions", fstest.MapFS{
			"pnpm-lock.yaml": {Data: []byte("lockfileVersion: 5.4\npackages:\n  /next-auth/4.22.1_next@13.0.0:\n    resolution: {}\n  /next-auth/4.24.7:\n    resolution: {}\n")},
		}, "next-auth", Installed{"4.22.1 || 4.24.7", "pnpm-lock.yaml"}},
		{"pnpm scoped", fstest.MapFS{
			"pnpm-lock.yaml": {Data: []byte("packages:\n  '/@auth0/nextjs-auth0@3.5.0':\n    resolution: {}\n")},
		}, "@auth0/nextjs-auth0", Installed{"3.5.0", "pnpm-lock.yaml"}},
		{"yarn v1", fstest.MapFS{
			"yarn.lock": {Data: []byte("# yarn lockfile v1\n\n\"next-auth@^4.19.0\", \"next-auth@^4.22.0\":\n  version \"4.24.7\"\n  resolved \"https://x\"\n\nnext-auth-x@^1:\n  version \"1.0.0\"\n")},
		}, "next-auth", Installed{"4.24.7", "yarn.lock"}},
		{"yarn berry", fstest.MapFS{
			"yarn.lock": {Data: []byte("__metadata:\n  version: 6\n\n\"next-auth@npm:^4.24.0\":\n  version: 4.24.11\n  resolution: \"next-auth@npm:4.24.11\"\n")},
		}, "next-auth", Installed{"4.24.11", "yarn.lock"}},
		{"package.json range", fstest.MapFS{"package.json": pkgJSON}, "next-auth", Installed{"^4.19.0", "package.json"}},
		{"devDependencies", fstest.MapFS{"package.json": pkgJSON}, "@auth0/nextjs-auth0", Installed{"3.5.0", "package.json"}},
		{"absent", fstest.MapFS{"package.json": pkgJSON}, "iron-session", Installed{}},
		{"node_modules without a version", fstest.MapFS{
			"node_modules/next-auth/package.json": {Data: []byte(`{"name": "next-auth"}`)},
			"package.json":                        pkgJSON,
		}, "next-auth", Installed{"^4.19.0", "package.json"}},
	} {
		if got := InstalledVersion(tc.files, tc.pkg); got != tc.want {
			t.Errorf("%s: InstalledVersion(%s) = %+v, want %+v", tc.name, tc.pkg, got, tc.want)
		}
	}
}
