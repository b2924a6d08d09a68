package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// tsErrorRE matches one tsc diagnostic line.
var tsErrorRE = regexp.MustCompile(`^(.+)\(\d+,\d+\): error (TS\d+): (.*)$`)

// typecheckFixtures runs tsc, against the real next 16 types, over every
// TypeScript route.ts the golden fixtures hold (needs-review files, which
// carry TODO markers by design, and cases for another Next.js major excepted), so no golden can hold code that
// does not compile on Next.js 16. A module the fixture does not ship (a
// third-party package) may be missing; nothing else may fail.
func typecheckFixtures(t *testing.T, ctx context.Context, fixtures, dir, nodeModules string) {
	cases, err := os.ReadDir(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, c := range cases {
		out := filepath.Join(fixtures, c.Name(), "output")
		if _, err := os.Stat(out); err != nil {
			continue
		}
		if args, _ := os.ReadFile(filepath.Join(fixtures, c.Name(), "args.txt")); strings.Contains(string(args), "--next-version=") && !strings.Contains(string(args), "--next-version=16") {
			continue // written for another Next.js major (sync cookies(), params)
		}
		copyTree(t, out, filepath.Join(dir, c.Name()))
		filepath.Walk(filepath.Join(dir, c.Name()), func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return err
			}
			base := filepath.Base(p)
			if !strings.HasPrefix(base, "route.") || !(strings.HasSuffix(base, ".ts") || strings.HasSuffix(base, ".tsx")) {
				return nil
			}
			b, _ := os.ReadFile(p)
			if strings.Contains(string(b), "TODO(routemod)") {
				return nil
			}
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
			return nil
		})
	}
	if len(files) == 0 {
		t.Fatal("no TypeScript route outputs in fixtures")
	}
	cfg := map[string]any{
		"compilerOptions": map[string]any{
			"target": "ES2022", "lib": []string{"dom", "dom.iterable", "esnext"},
			"module": "esnext", "moduleResolution": "bundler", "jsx": "preserve",
			"strict": false, "strictNullChecks": true, "noEmit": true, "skipLibCheck": true,
			"esModuleInterop": true, "isolatedModules": true, "types": []string{"node"},
		},
		"files": files,
	}
	b, _ := json.MarshalIndent(cfg, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "tsconfig.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(nodeModules, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	out, _ := command(ctx, dir, "node", filepath.Join(nodeModules, "typescript", "bin", "tsc"), "-p", "tsconfig.json").CombinedOutput()
	var failures []string
	for _, line := range strings.Split(string(out), "\n") {
		m := tsErrorRE.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		if m[2] == "TS2307" && !strings.Contains(m[3], "'next") && !strings.Contains(m[3], "'.") {
			continue // a third-party package the fixture does not ship
		}
		failures = append(failures, line)
	}
	if len(failures) > 0 {
		t.Errorf("fixture outputs do not type-check against next 16:\n%s", strings.Join(failures, "\n"))
	}
	t.Logf("type-checked %d fixture route files", len(files))
}
