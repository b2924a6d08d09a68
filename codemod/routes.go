package codemod

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// Segment is one dynamic segment of a route path.
type Segment struct {
	Name     string
	CatchAll bool // [...name]
	Optional bool // [[...name]]
}

// PlanTarget maps a pages-router API route (slash path relative to the
// project root) to its app-router route handler path:
//
//	pages/api/login.ts         => app/api/login/route.ts
//	pages/api/users/index.ts   => app/api/users/route.ts
//	pages/api/users/[id].ts    => app/api/users/[id]/route.ts
//	src/pages/api/a/[...s].js  => src/app/api/a/[...s]/route.js
//	pages/api/x.mjs            => app/api/x/route.js (app routes have no .mjs/.cjs)
func PlanTarget(rel string) (string, error) {
	return PlanTargetExt(rel, strings.TrimPrefix(path.Ext(rel), "."))
}

// PlanTargetExt is PlanTarget for a file matched by the page extension
// pageExt (from next.config pageExtensions): route files take the same
// extension, so `x.page.ts` => `x/route.page.ts`.
func PlanTargetExt(rel, pageExt string) (string, error) {
	prefix := ""
	rest := rel
	if strings.HasPrefix(rest, "src/") {
		prefix, rest = "src/", rest[len("src/"):]
	}
	if !strings.HasPrefix(rest, "pages/api/") || !strings.HasSuffix(rest, "."+pageExt) {
		return "", fmt.Errorf("%s is not under pages/api", rel)
	}
	rest = rest[len("pages/"):]
	stem := strings.TrimSuffix(rest, "."+pageExt)
	if path.Base(stem) == "index" {
		stem = path.Dir(stem)
	}
	switch pageExt {
	case "mjs", "cjs":
		pageExt = "js"
	}
	return prefix + "app/" + stem + "/route." + pageExt, nil
}

// RouteSegments returns the dynamic segments in a route file path.
func RouteSegments(rel string) []Segment {
	var segs []Segment
	for _, part := range strings.Split(strings.TrimSuffix(rel, path.Ext(rel)), "/") {
		switch {
		case strings.HasPrefix(part, "[[...") && strings.HasSuffix(part, "]]"):
			segs = append(segs, Segment{Name: part[5 : len(part)-2], CatchAll: true, Optional: true})
		case strings.HasPrefix(part, "[...") && strings.HasSuffix(part, "]"):
			segs = append(segs, Segment{Name: part[4 : len(part)-1], CatchAll: true})
		case strings.HasPrefix(part, "[") && strings.HasSuffix(part, "]"):
			segs = append(segs, Segment{Name: part[1 : len(part)-1]})
		}
	}
	return segs
}

// DefaultPageExts are Next.js' default pageExtensions plus .mjs and .cjs.
var DefaultPageExts = []string{"tsx", "ts", "jsx", "js", "mjs", "cjs"}

// IsRouteFile reports whether a slash path relative to the project root is
// a pages-router API route file by location and default extension.
func IsRouteFile(rel string) bool {
	_, ok := RouteExt(rel, DefaultPageExts)
	return ok
}

// RouteExt returns the page extension that makes rel an API route (the
// longest that matches), and whether one does.
func RouteExt(rel string, exts []string) (string, bool) {
	r := strings.TrimPrefix(rel, "src/")
	if !strings.HasPrefix(r, "pages/api/") || strings.HasSuffix(rel, ".d.ts") {
		return "", false
	}
	best := ""
	for _, e := range exts {
		if strings.HasSuffix(rel, "."+e) && len(e) > len(best) && len(path.Base(rel)) > len(e)+1 {
			best = e
		}
	}
	return best, best != ""
}

var (
	pageExtsRE = regexp.MustCompile(`pageExtensions\s*:\s*\[([^\]]*)\]`)
	quotedRE   = regexp.MustCompile("^\\s*[\"'`]([\\w.-]+)[\"'`]\\s*$")
)

// ReadPageExtensions reads pageExtensions from next.config when it is a
// literal list of strings. It returns the defaults and a warning when the
// config names pageExtensions in a form routemod cannot read.
func ReadPageExtensions(root string) ([]string, string) {
	for _, name := range []string{"next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs", "next.config.mts"} {
		b, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			continue
		}
		if !strings.Contains(string(b), "pageExtensions") {
			return DefaultPageExts, ""
		}
		m := pageExtsRE.FindSubmatch(b)
		if m == nil {
			return DefaultPageExts, name + " sets pageExtensions in a form routemod cannot read; it used the default extensions"
		}
		var exts []string
		for _, item := range strings.Split(string(m[1]), ",") {
			if strings.TrimSpace(item) == "" {
				continue
			}
			q := quotedRE.FindStringSubmatch(item)
			if q == nil {
				return DefaultPageExts, name + " sets pageExtensions in a form routemod cannot read; it used the default extensions"
			}
			exts = append(exts, q[1])
		}
		return exts, ""
	}
	return DefaultPageExts, ""
}
