package verify

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Route is an API route the candidate serves from app/api that the baseline
// served from pages/api.
type Route struct {
	// Pattern is the URL path with its dynamic segments as written:
	// /api/users/[id], /api/docs/[[...slug]].
	Pattern string `json:"route"`
	Base    string `json:"base"`      // the baseline's pages file, relative to the project
	File    string `json:"candidate"` // the candidate's route file, relative to the project
}

var (
	pageExts       = []string{".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"}
	routeFileNames = []string{"route.ts", "route.tsx", "route.js", "route.jsx", "route.mjs", "route.mts"}
)

// Routes lists, sorted by pattern, the routes the candidate project at cand
// serves from app/api (or src/app/api) that the baseline project at base
// served from pages/api (or src/pages/api).
func Routes(base, cand string) ([]Route, error) {
	pages := map[string]string{}
	for _, root := range []string{"pages", "src/pages"} {
		err := walk(base, root+"/api", func(rel string) {
			ext := path.Ext(rel)
			if !slices.Contains(pageExts, ext) || strings.Contains(rel, ".d.") {
				return
			}
			p := strings.TrimSuffix(strings.TrimPrefix(rel, root), ext)
			p = strings.TrimSuffix(p, "/index")
			if _, dup := pages[p]; !dup {
				pages[p] = rel
			}
		})
		if err != nil {
			return nil, err
		}
	}
	var out []Route
	for _, root := range []string{"app", "src/app"} {
		err := walk(cand, root+"/api", func(rel string) {
			if !slices.Contains(routeFileNames, path.Base(rel)) {
				return
			}
			var segs []string
			for _, s := range strings.Split(strings.TrimPrefix(path.Dir(rel), root+"/"), "/") {
				switch {
				case strings.HasPrefix(s, "_"), strings.HasPrefix(s, "@"):
					return // private folder or slot: not a URL
				case strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"):
					// route group: not in the URL
				default:
					segs = append(segs, s)
				}
			}
			p := "/" + strings.Join(segs, "/")
			if src, ok := pages[p]; ok {
				out = append(out, Route{Pattern: p, Base: src, File: rel})
			}
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pattern < out[j].Pattern })
	return out, nil
}

// walk calls fn with the slash path, relative to root, of every file under
// root/sub; a missing sub is no error.
func walk(root, sub string, fn func(rel string)) error {
	dir := filepath.Join(root, filepath.FromSlash(sub))
	if _, err := os.Stat(dir); err != nil {
		return nil
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "node_modules" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			fn(filepath.ToSlash(rel))
		}
		return nil
	})
}

// segment kinds, in the order a more specific match prefers them
const (
	optionalCatchAll = iota
	catchAll
	dynamic
	static
)

// segment returns the kind and the parameter name of one pattern segment.
func segment(s string) (kind int, name string) {
	switch {
	case strings.HasPrefix(s, "[[...") && strings.HasSuffix(s, "]]"):
		return optionalCatchAll, s[5 : len(s)-2]
	case strings.HasPrefix(s, "[...") && strings.HasSuffix(s, "]"):
		return catchAll, s[4 : len(s)-1]
	case strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]"):
		return dynamic, s[1 : len(s)-1]
	}
	return static, s
}

// Sample is the URL path of r with each dynamic segment filled from
// values by name, else [id] => 1 and [...slug] => a/b.
func (r Route) Sample(values map[string]string) string {
	segs := strings.Split(strings.TrimPrefix(r.Pattern, "/"), "/")
	for i, s := range segs {
		kind, name := segment(s)
		if kind == static {
			continue
		}
		v, ok := values[name]
		switch {
		case ok:
		case kind == dynamic:
			v = "1"
		default:
			v = "a/b"
		}
		segs[i] = v
	}
	return "/" + strings.Join(segs, "/")
}

// match reports whether the URL path p (no query) is served by pattern, and
// how specifically: one kind per segment, to compare between patterns.
func match(pattern, p string) ([]int, bool) {
	pat := strings.Split(strings.TrimPrefix(pattern, "/"), "/")
	got := strings.Split(strings.TrimPrefix(p, "/"), "/")
	var score []int
	for i, s := range pat {
		kind, _ := segment(s)
		score = append(score, kind)
		switch kind {
		case optionalCatchAll:
			return score, i == len(pat)-1 && len(got) >= i
		case catchAll:
			return score, i == len(pat)-1 && len(got) > i
		}
		if i >= len(got) || got[i] == "" || kind == static && got[i] != s {
			return score, false
		}
	}
	return score, len(got) == len(pat)
}

// RouteOf returns the pattern of the route in routes that serves the request
// path p (query allowed), the most specific when several match; "" for none.
func RouteOf(routes []Route, p string) string {
	p, _, _ = strings.Cut(p, "?")
	p = strings.TrimSuffix(p, "/")
	best, bestScore := "", []int(nil)
	for _, r := range routes {
		score, ok := match(r.Pattern, p)
		if ok && (best == "" || slices.Compare(score, bestScore) > 0) {
			best, bestScore = r.Pattern, score
		}
	}
	return best
}

// Methods the generated requests use: reading methods by default, all with
// --all-methods.
var (
	ReadMethods = []string{"GET", "HEAD"}
	AllMethods  = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
)

// Generate makes one request per route and method, with sample values for
// dynamic segments (Route.Sample).
func Generate(routes []Route, methods []string, values map[string]string) []Spec {
	var out []Spec
	for _, r := range routes {
		p := r.Sample(values)
		for _, m := range methods {
			out = append(out, Spec{Method: m, Path: p, Generated: true})
		}
	}
	return out
}
