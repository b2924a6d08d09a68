package project

import (
	"encoding/json"
	"path"
	"strings"
)

// Config is the module resolution a project's tsconfig.json (or
// jsconfig.json) sets: baseUrl and paths.
type Config struct {
	BaseURL string // slash path relative to the project root; valid when HasBase
	HasBase bool
	Paths   []PathRule
	// Partial is set when the config extends a file outside the project:
	// an alias it defines may be unknown here.
	Partial bool
}

// PathRule is one "paths" entry: a pattern with at most one *, and the
// places it maps to (slash paths relative to the project root).
type PathRule struct {
	Prefix, Suffix string
	Star           bool
	Subs           []string
}

// tsconfig is the part of tsconfig.json routemod reads.
type tsconfig struct {
	Extends         json.RawMessage `json:"extends"`
	CompilerOptions struct {
		BaseURL *string             `json:"baseUrl"`
		Paths   map[string][]string `json:"paths"`
	} `json:"compilerOptions"`
}

// ParseConfig reads the resolution settings of the config file name
// (slash path relative to the root); read returns another config file of
// the project by path (for extends), ok false when it has none.
func ParseConfig(name string, text []byte, read func(string) ([]byte, bool)) Config {
	var c Config
	parseConfig(name, text, read, &c, 0)
	return c
}

func parseConfig(name string, text []byte, read func(string) ([]byte, bool), c *Config, depth int) (baseSet, pathsSet bool) {
	var tc tsconfig
	if json.Unmarshal(StripJSONC(text), &tc) != nil {
		c.Partial = true
		return false, false
	}
	dir := path.Dir(name)
	var bases []string
	if len(tc.Extends) > 0 {
		var one string
		if json.Unmarshal(tc.Extends, &one) == nil {
			bases = []string{one}
		} else if json.Unmarshal(tc.Extends, &bases) != nil {
			c.Partial = true
		}
	}
	// The file's own settings win over those it extends (TypeScript reads
	// bases first, the last base winning).
	if tc.CompilerOptions.BaseURL != nil {
		c.BaseURL, c.HasBase, baseSet = clean(path.Join(dir, *tc.CompilerOptions.BaseURL)), true, true
	}
	for i := len(bases) - 1; i >= 0 && depth < 8; i-- {
		b := bases[i]
		if !strings.HasPrefix(b, ".") {
			if strings.Contains(b, "/") && !strings.HasPrefix(b, "@tsconfig/") && !strings.HasPrefix(b, "next/") {
				c.Partial = true // a shared config package may set paths
			}
			continue
		}
		if !strings.HasSuffix(b, ".json") {
			b += ".json"
		}
		bn := clean(path.Join(dir, b))
		bt, ok := read(bn)
		if !ok {
			c.Partial = true
			continue
		}
		var bc Config
		bb, bp := parseConfig(bn, bt, read, &bc, depth+1)
		c.Partial = c.Partial || bc.Partial
		if !baseSet && bb {
			c.BaseURL, c.HasBase, baseSet = bc.BaseURL, true, true
		}
		if tc.CompilerOptions.Paths == nil && !pathsSet && bp {
			c.Paths, pathsSet = bc.Paths, true
		}
	}
	if tc.CompilerOptions.Paths != nil {
		from := dir // paths are relative to baseUrl (its own or inherited), or to the config's own folder
		if c.HasBase {
			from = c.BaseURL
		}
		c.Paths = rules(tc.CompilerOptions.Paths, from)
		pathsSet = true
	}
	return baseSet, pathsSet
}

func rules(paths map[string][]string, from string) []PathRule {
	var out []PathRule
	for pat, subs := range paths {
		r := PathRule{Prefix: pat}
		if i := strings.IndexByte(pat, '*'); i >= 0 {
			r.Prefix, r.Suffix, r.Star = pat[:i], pat[i+1:], true
		}
		for _, s := range subs {
			r.Subs = append(r.Subs, clean(path.Join(from, s)))
		}
		out = append(out, r)
	}
	return out
}

// clean is path.Clean with "" for the root.
func clean(p string) string {
	p = path.Clean(p)
	if p == "." {
		return ""
	}
	return p
}

// StripJSONC removes the comments and trailing commas tsconfig.json allows.
func StripJSONC(src []byte) []byte {
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(src) {
				j = len(src) - 1
			}
			out = append(out, src[i:j+1]...)
			i = j
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			j := i + 2
			for j+1 < len(src) && !(src[j] == '*' && src[j+1] == '/') {
				j++
			}
			i = j + 1
		case c == ',':
			j := i + 1
			for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r') {
				j++
			}
			if j < len(src) && (src[j] == '}' || src[j] == ']') {
				continue // a trailing comma
			}
			if j+1 < len(src) && src[j] == '/' && (src[j+1] == '/' || src[j+1] == '*') {
				// a comment between: decide after it
				rest := StripJSONC(src[j:])
				k := 0
				for k < len(rest) && (rest[k] == ' ' || rest[k] == '\t' || rest[k] == '\n' || rest[k] == '\r') {
					k++
				}
				if k < len(rest) && (rest[k] == '}' || rest[k] == ']') {
					return append(out, rest...)
				}
				return append(append(out, ','), rest...)
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out
}

// How tells how a specifier reached its file.
type How uint8

const (
	Unresolved How = iota
	Relative       // ./x, ../x
	ByPaths        // a tsconfig paths alias: @/lib/x
	ByBaseURL      // a bare path under baseUrl: lib/x
)

// exts are tried in TypeScript's order after an extensionless path.
var exts = []string{".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mts", ".cts", ".mjs", ".cjs"}

// jsToTS maps an extension written in a specifier to the TypeScript files
// it may name (TypeScript resolves "./x.js" to x.ts).
var jsToTS = map[string][]string{".js": {".ts", ".tsx"}, ".jsx": {".tsx"}, ".mjs": {".mts"}, ".cjs": {".cts"}}

// Resolve finds the project file spec names from the file from, the way
// TypeScript (moduleResolution bundler) and Next.js do: relative paths,
// then paths aliases, then baseUrl; with or without an extension, or a
// folder's index file. has tells which files exist.
func (c *Config) Resolve(from, spec string, has func(string) bool) (string, How) {
	if spec == "" {
		return "", Unresolved
	}
	if spec == "." || spec == ".." || strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") {
		if f, ok := file(clean(path.Join(path.Dir(from), spec)), has); ok {
			return f, Relative
		}
		return "", Unresolved
	}
	if strings.HasPrefix(spec, "/") {
		return "", Unresolved
	}
	if r, w, ok := c.match(spec); ok {
		for _, sub := range r.Subs {
			if f, ok := file(clean(strings.Replace(sub, "*", w, 1)), has); ok {
				return f, ByPaths
			}
		}
	}
	if c.HasBase {
		if f, ok := file(clean(path.Join(c.BaseURL, spec)), has); ok {
			return f, ByBaseURL
		}
	}
	return "", Unresolved
}

// match picks the paths rule for spec: an exact pattern first, else the
// star pattern with the longest prefix; w is what the star matched.
func (c *Config) match(spec string) (r PathRule, w string, ok bool) {
	best := -1
	for _, p := range c.Paths {
		if !p.Star {
			if p.Prefix == spec {
				return p, "", true
			}
			continue
		}
		if len(spec) >= len(p.Prefix)+len(p.Suffix) && strings.HasPrefix(spec, p.Prefix) && strings.HasSuffix(spec, p.Suffix) && len(p.Prefix) > best {
			best, r, w, ok = len(p.Prefix), p, spec[len(p.Prefix):len(spec)-len(p.Suffix)], true
		}
	}
	return r, w, ok
}

// file returns the file a module path names: itself, with an extension,
// a TypeScript file for a .js path, or a folder's index file.
func file(p string, has func(string) bool) (string, bool) {
	if p == "" {
		p = "."
	}
	if ts, ok := jsToTS[path.Ext(p)]; ok {
		for _, e := range ts {
			if f := strings.TrimSuffix(p, path.Ext(p)) + e; has(f) {
				return f, true
			}
		}
	}
	if path.Ext(p) != "" && has(p) {
		return p, true
	}
	for _, e := range exts {
		if has(p + e) {
			return p + e, true
		}
	}
	for _, e := range exts {
		if f := clean(p + "/index" + e); has(f) {
			return f, true
		}
	}
	return "", false
}

// Respell writes a specifier for the file from that names to (a file
// that will exist), in the style spec had: a relative path stays
// relative, an alias keeps its alias when one reaches to, a baseUrl path
// stays under baseUrl; otherwise it becomes relative. An extensionless
// spec stays extensionless.
func (c *Config) Respell(from, spec string, how How, to string) string {
	bare := strings.TrimSuffix(to, path.Ext(to))
	keepExt := func(s string) string {
		if !sourceExt[path.Ext(spec)] || strings.HasSuffix(spec, "/") { // "[...nextauth]" has no extension
			return strings.TrimSuffix(s, path.Ext(s))
		}
		return s
	}
	switch how {
	case ByPaths:
		if r, _, ok := c.match(spec); ok {
			if s, ok := r.spell(bare); ok {
				return keepExt(s + path.Ext(to))
			}
		}
		for _, r := range c.Paths {
			if s, ok := r.spell(bare); ok {
				return keepExt(s + path.Ext(to))
			}
		}
	case ByBaseURL:
		if rel, ok := under(c.BaseURL, to); ok {
			return keepExt(rel)
		}
	}
	return keepExt(RelSpec(path.Dir(from), to))
}

// spell writes the alias of r that names the extensionless file bare.
func (r PathRule) spell(bare string) (string, bool) {
	for _, sub := range r.Subs {
		if !r.Star {
			if strings.TrimSuffix(sub, path.Ext(sub)) == bare {
				return r.Prefix, true
			}
			continue
		}
		i := strings.IndexByte(sub, '*')
		if i < 0 {
			continue
		}
		pre, suf := sub[:i], sub[i+1:]
		if strings.HasPrefix(bare, pre) && strings.HasSuffix(bare, suf) && len(bare) >= len(pre)+len(suf) {
			return r.Prefix + bare[len(pre):len(bare)-len(suf)] + r.Suffix, true
		}
	}
	return "", false
}

// under returns p relative to dir ("" is the root), when p is inside it.
func under(dir, p string) (string, bool) {
	if dir == "" {
		return p, true
	}
	if rest, ok := strings.CutPrefix(p, dir+"/"); ok {
		return rest, true
	}
	return "", false
}

// RelSpec is a ./ or ../ specifier from the folder dir to target (slash
// paths relative to the root).
func RelSpec(dir, target string) string {
	if dir == "." {
		dir = ""
	}
	d := strings.Split(dir, "/")
	if dir == "" {
		d = nil
	}
	t := strings.Split(target, "/")
	i := 0
	for i < len(d) && i < len(t)-1 && d[i] == t[i] {
		i++
	}
	up := len(d) - i
	rest := strings.Join(t[i:], "/")
	if up == 0 {
		return "./" + rest
	}
	return strings.Repeat("../", up) + rest
}

// sourceExt are the extensions a specifier may spell (anything else after
// a dot is part of the name: "./auth/[...nextauth]").
var sourceExt = map[string]bool{".ts": true, ".tsx": true, ".mts": true, ".cts": true, ".js": true, ".jsx": true, ".mjs": true, ".cjs": true, ".json": true}
