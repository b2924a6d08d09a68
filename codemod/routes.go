package codemod

import (
	"fmt"
	"path"
	"strings"
)

// RouteExts are the file extensions discovered as API routes.
var RouteExts = []string{".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"}

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
	prefix := ""
	rest := rel
	if strings.HasPrefix(rest, "src/") {
		prefix, rest = "src/", rest[len("src/"):]
	}
	if !strings.HasPrefix(rest, "pages/api/") {
		return "", fmt.Errorf("%s is not under pages/api", rel)
	}
	rest = rest[len("pages/"):]
	ext := path.Ext(rest)
	stem := strings.TrimSuffix(rest, ext)
	if path.Base(stem) == "index" {
		stem = path.Dir(stem)
	}
	switch ext {
	case ".mjs", ".cjs":
		ext = ".js"
	}
	return prefix + "app/" + stem + "/route" + ext, nil
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

// IsRouteFile reports whether a slash path relative to the project root is
// a pages-router API route file by location and extension.
func IsRouteFile(rel string) bool {
	r := strings.TrimPrefix(rel, "src/")
	if !strings.HasPrefix(r, "pages/api/") {
		return false
	}
	if strings.HasSuffix(rel, ".d.ts") {
		return false
	}
	ext := path.Ext(rel)
	for _, e := range RouteExts {
		if e == ext {
			return true
		}
	}
	return false
}
