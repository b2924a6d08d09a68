package project

import (
	"strings"
	"sync"
)

// ImportKind tells how a module names another.
type ImportKind uint8

const (
	Static   ImportKind = iota // import x from "m"; import "m"
	ReExport                   // export { x } from "m"; export * from "m"
	Require                    // require("m"); import x = require("m")
	Dynamic                    // import("m"); with Type, a JSDoc type import("m") in a comment
	Mock                       // jest.mock("m"), vi.mock("m"), require.resolve("m"), jest.requireActual("m")
)

// Import is one module specifier of a file and what it binds.
type Import struct {
	Spec       string
	Start, End int // byte range of Spec in the file (inside the quotes)
	Kind       ImportKind
	Type       bool   // import type / export type: erased
	Star       bool   // export * from "m"
	Default    string // local name of the default import
	Namespace  string // * as ns; import ns = require(...)
	Names      []Name // { a as b }
	Target     string // the project file it resolves to, "" when none (filled by Build)
}

// Name is one name of an import or export list: { Name as Local }.
type Name struct {
	Name, Local string
	Type        bool
}

// ExportKind tells what an export is.
type ExportKind uint8

const (
	Value    ExportKind = iota // export const x = 1; export { x }
	Function                   // export function f() {}; export const f = () => {}
	Class                      // export class C {}
	TypeOnly                   // export type T = ...; export interface I {}
	Forward                    // export { x } from "m"; export * as ns from "m"
)

// Export is one name a module exports.
type Export struct {
	Name  string // exported name; "default" for the default export
	Local string // the local binding ("" for an anonymous default); for a re-export, the name in From's module ("*" for export * as ns)
	Kind  ExportKind
	From  int    // index in Imports of a re-export, -1 otherwise (-2 in an Index: from a package)
	Call  string // export default withAuth(handler) => "withAuth"
	Arg   string // export default withAuth(handler) => "handler"
}

// Module is what the index keeps of one source file: a summary, never its
// text or tree.
type Module struct {
	Imports  []Import
	Exports  []Export
	Funcs    []string // module-level functions: declarations and const f = () => ...
	CommonJS bool     // assigns module.exports or exports.x
	// Helpers are the module-level functions whose body uses a parameter
	// as an object or hands it on (see Index.Handles).
	Helpers []Func
}

var tokPool = sync.Pool{New: func() any { s := make([]token, 0, 1024); return &s }}

// maxPooledTokens is the most tokens (about a 100 KB file's) a slice may
// hold to go back to tokPool.
const maxPooledTokens = 1 << 15

// Scan reads the imports, exports and module-level functions of a
// JavaScript or TypeScript file.
func Scan(src []byte) *Module {
	tp := tokPool.Get().(*[]token)
	s := &scanner{src: src, toks: lex(src, (*tp)[:0]), mod: &Module{}}
	s.run()
	s.funcs()
	if cap(s.toks) <= maxPooledTokens { // a large file's tokens are not kept for the next
		*tp = s.toks
		tokPool.Put(tp)
	}
	return s.mod
}

type scanner struct {
	src  []byte
	toks []token
	mod  *Module
}

// word returns the bytes of token k (nil past the end): switch and map
// lookups on string(s.word(k)) do not allocate.
func (s *scanner) word(k int) []byte {
	if k < 0 || k >= len(s.toks) {
		return nil
	}
	return s.src[s.toks[k].start:s.toks[k].end]
}

func (s *scanner) text(k int) string {
	if k < 0 || k >= len(s.toks) {
		return ""
	}
	t := s.toks[k]
	return string(s.src[t.start:t.end])
}

// is reports whether token k is the identifier or punctuation w.
func (s *scanner) is(k int, w string) bool {
	if k < 0 || k >= len(s.toks) {
		return false
	}
	t := s.toks[k]
	return (t.kind == tIdent || t.kind == tPunct) && t.end-t.start == len(w) && string(s.src[t.start:t.end]) == w
}

func (s *scanner) kind(k int, want tokKind) bool {
	return k >= 0 && k < len(s.toks) && s.toks[k].kind == want
}

// ident returns the identifier at k, "" when token k is not one.
func (s *scanner) ident(k int) string {
	if !s.kind(k, tIdent) {
		return ""
	}
	return s.text(k)
}

// spec reads the string at k as a module specifier; ok is false for a
// string with escapes (not a path routemod can read).
func (s *scanner) spec(k int) (Import, bool) {
	if !s.kind(k, tString) {
		return Import{}, false
	}
	t := s.toks[k]
	v := s.src[t.start:t.end]
	if strings.ContainsRune(string(v), '\\') {
		return Import{}, false
	}
	return Import{Spec: string(v), Start: t.start, End: t.end}, true
}

func (s *scanner) run() {
	for k := 0; k < len(s.toks); k++ {
		t := s.toks[k]
		if t.kind == tDocImport {
			s.mod.Imports = append(s.mod.Imports, Import{Spec: string(s.src[t.start:t.end]), Start: t.start, End: t.end, Kind: Dynamic, Type: true})
			continue
		}
		if t.kind != tIdent || s.is(k-1, ".") {
			continue
		}
		top := t.depth == 0
		switch string(s.word(k)) {
		case "import":
			if s.is(k+1, "(") {
				s.call(k+2, Dynamic)
			} else if top && !s.is(k+1, ".") {
				s.importDecl(k + 1)
			}
		case "require":
			if s.is(k+1, "(") {
				s.call(k+2, Require)
			} else if s.is(k+1, ".") && s.is(k+2, "resolve") && s.is(k+3, "(") {
				s.call(k+4, Mock)
			}
		case "jest", "vi":
			switch string(s.word(k + 2)) {
			case "mock", "doMock", "unmock", "requireActual", "importActual", "requireMock", "importMock":
				if s.is(k+1, ".") && s.is(k+3, "(") {
					s.call(k+4, Mock)
				}
			}
		case "export":
			if top {
				s.exportDecl(k + 1)
			}
		case "module":
			if top && s.is(k+1, ".") && s.is(k+2, "exports") {
				s.commonJS(k + 3)
			}
		case "exports":
			if top && (s.is(k+1, ".") || s.is(k+1, "[")) {
				s.commonJS(k + 1)
			}
		case "function":
			if top && !s.afterExport(k) {
				if n := s.ident(s.skip(k+1, "*")); n != "" {
					s.mod.Funcs = append(s.mod.Funcs, n)
				}
			}
		case "const", "let", "var":
			if top && !s.afterExport(k) {
				s.declarators(k+1, false)
			}
		}
	}
}

// afterExport reports whether token k follows export, export default or
// async (read by exportDecl).
func (s *scanner) afterExport(k int) bool {
	if s.is(k-1, "async") {
		k--
	}
	return s.is(k-1, "export") || s.is(k-1, "default") || s.is(k-1, "declare")
}

// skip returns k+1 when token k is w, else k.
func (s *scanner) skip(k int, w string) int {
	if s.is(k, w) {
		return k + 1
	}
	return k
}

// call records require("m") and its kind when token k is the string and
// the call closes after it.
func (s *scanner) call(k int, kind ImportKind) {
	if imp, ok := s.spec(k); ok && (s.is(k+1, ")") || s.is(k+1, ",")) {
		imp.Kind = kind
		s.mod.Imports = append(s.mod.Imports, imp)
	}
}

// importDecl reads an import declaration starting after `import`, and
// returns the index of its last token.
//
//	import x, { a as b, type c } from "m"; import * as ns from "m"; import "m"; import x = require("m")
func (s *scanner) importDecl(k int) int {
	var imp Import
	if s.is(k, "type") && !s.is(k+1, "from") && !s.is(k+1, ",") && !s.is(k+1, "=") {
		imp.Type = true
		k++
	}
	if sp, ok := s.spec(k); ok { // import "m"
		sp.Kind = Static
		s.mod.Imports = append(s.mod.Imports, sp)
		return k
	}
	if n := s.ident(k); n != "" {
		if s.is(k+1, "=") {
			return k // import x = require("m"): the require is read as a call
		}
		imp.Default = n
		k++
		if s.is(k, ",") {
			k++
		}
	}
	if s.is(k, "*") && s.is(k+1, "as") {
		imp.Namespace = s.ident(k + 2)
		k += 3
	}
	if s.is(k, "{") {
		imp.Names, k = s.names(k + 1)
	}
	if !s.is(k, "from") {
		return k - 1
	}
	sp, ok := s.spec(k + 1)
	if !ok {
		return k
	}
	imp.Spec, imp.Start, imp.End, imp.Kind = sp.Spec, sp.Start, sp.End, Static
	s.mod.Imports = append(s.mod.Imports, imp)
	return k + 1
}

// names reads `a as b, type c, "s" as d }` from k and returns the names
// and the index after the closing brace.
func (s *scanner) names(k int) ([]Name, int) {
	var out []Name
	for k < len(s.toks) && !s.is(k, "}") {
		var n Name
		if s.is(k, "type") && !s.is(k+1, ",") && !s.is(k+1, "}") && !s.is(k+1, "as") {
			n.Type = true
			k++
		}
		if s.kind(k, tString) || s.kind(k, tIdent) {
			n.Name = s.text(k)
			n.Local = n.Name
			k++
		} else {
			k++ // not a name: step over it
			continue
		}
		if s.is(k, "as") && (s.kind(k+1, tIdent) || s.kind(k+1, tString)) {
			n.Local = s.text(k + 1)
			k += 2
		}
		out = append(out, n)
		if s.is(k, ",") {
			k++
		}
	}
	return out, k + 1
}

// exportDecl reads an export declaration starting after `export`, and
// returns the index of the last token it consumed.
func (s *scanner) exportDecl(k int) int {
	add := func(e Export) { s.mod.Exports = append(s.mod.Exports, e) }
	typ := false
	if s.is(k, "declare") {
		k++
	}
	switch w := s.text(k); {
	case w == "default":
		return s.exportDefault(k + 1)
	case w == "*": // export * from "m"; export * as ns from "m"
		name := ""
		if s.is(k+1, "as") {
			name = s.text(k + 2)
			k += 2
		}
		if s.is(k+1, "from") {
			if sp, ok := s.spec(k + 2); ok {
				sp.Kind, sp.Star, sp.Namespace = ReExport, name == "", name
				s.mod.Imports = append(s.mod.Imports, sp)
				if name != "" {
					add(Export{Name: name, Local: "*", Kind: Forward, From: len(s.mod.Imports) - 1})
				}
				return k + 2
			}
		}
		return k
	case w == "type" && s.is(k+1, "{"):
		typ = true
		k++
		fallthrough
	case w == "{":
		names, end := s.names(k + 1)
		from := -1
		if s.is(end, "from") {
			if sp, ok := s.spec(end + 1); ok {
				sp.Kind, sp.Type, sp.Names = ReExport, typ, names
				s.mod.Imports = append(s.mod.Imports, sp)
				from = len(s.mod.Imports) - 1
				end++
			}
		}
		for _, n := range names {
			e := Export{Name: n.Local, Local: n.Name, Kind: Value, From: from}
			if typ || n.Type {
				e.Kind = TypeOnly
			}
			if from >= 0 {
				if e.Kind != TypeOnly {
					e.Kind = Forward
				}
			}
			add(e)
		}
		return end
	case w == "type" || w == "interface" || w == "namespace" || w == "module":
		if n := s.ident(k + 1); n != "" {
			add(Export{Name: n, Local: n, Kind: TypeOnly, From: -1})
		}
		return k + 1
	case w == "enum" || w == "const" && s.is(k+1, "enum"):
		k = s.skip(k, "const") + 1
		if n := s.ident(k); n != "" {
			add(Export{Name: n, Local: n, Kind: Value, From: -1})
		}
		return k
	case w == "async" || w == "function":
		k = s.skip(k, "async")
		k = s.skip(k+1, "*")
		if n := s.ident(k); n != "" {
			s.mod.Funcs = append(s.mod.Funcs, n)
			add(Export{Name: n, Local: n, Kind: Function, From: -1})
		}
		return k
	case w == "abstract" || w == "class":
		k = s.skip(k, "abstract")
		if n := s.ident(k + 1); n != "" {
			add(Export{Name: n, Local: n, Kind: Class, From: -1})
		}
		return k + 1
	case w == "const" || w == "let" || w == "var":
		return s.declarators(k+1, true)
	case w == "=": // export = x
		s.mod.CommonJS = true
		add(Export{Name: "default", Local: s.ident(k + 1), Kind: Value, From: -1})
		return k
	}
	return k - 1
}

// exportDefault reads what follows `export default`.
//
//	export default function handler() {} => Local handler, Function
//	export default handler               => Local handler
//	export default withAuth(handler)     => Call withAuth, Arg handler
func (s *scanner) exportDefault(k int) int {
	e := Export{Name: "default", Kind: Value, From: -1}
	switch {
	case s.is(k, "async") && s.is(k+1, "function") || s.is(k, "function"):
		k = s.skip(k, "async")
		k = s.skip(k+1, "*")
		e.Kind = Function
		if n := s.ident(k); n != "" && !s.is(k, "(") {
			e.Local = n
			s.mod.Funcs = append(s.mod.Funcs, n)
		}
	case s.is(k, "class") || s.is(k, "abstract"):
		k = s.skip(k, "abstract")
		e.Kind = Class
		if n := s.ident(k + 1); n != "" && n != "extends" && n != "implements" {
			e.Local = n
		}
	case s.kind(k, tIdent) && keywords[string(s.word(k))]:
		// export default async (req, res) => {}; export default new Router()
	case s.kind(k, tIdent) && s.is(k+1, "("):
		e.Call = s.text(k)
		if s.kind(k+2, tIdent) && (s.is(k+3, ")") || s.is(k+3, ",")) {
			e.Arg = s.text(k + 2)
		}
	case s.kind(k, tIdent) && !s.is(k+1, ".") && !s.is(k+1, "[") && !s.is(k+1, "=>") && !s.kind(k+1, tTemplate):
		e.Local = s.text(k)
	}
	s.mod.Exports = append(s.mod.Exports, e)
	return k
}

// keywords are the words that begin an expression which is not a name.
var keywords = map[string]bool{"async": true, "await": true, "new": true, "typeof": true, "void": true,
	"this": true, "null": true, "true": true, "false": true, "undefined": true, "yield": true, "delete": true}

// commonJS reads module.exports = x, module.exports.a = x and exports.a = x
// from the token after `module.exports` or `exports`.
func (s *scanner) commonJS(k int) {
	s.mod.CommonJS = true
	switch {
	case s.is(k, "="):
		e := Export{Name: "default", Kind: Value, From: -1}
		switch {
		case s.is(k+1, "function") || s.is(k+1, "async"):
			e.Kind = Function
		case s.kind(k+1, tIdent) && s.is(k+2, "("):
			e.Call = s.text(k + 1)
			if s.kind(k+3, tIdent) && s.is(k+4, ")") {
				e.Arg = s.text(k + 3)
			}
		case s.kind(k+1, tIdent):
			e.Local = s.text(k + 1)
		}
		s.mod.Exports = append(s.mod.Exports, e)
	case s.is(k, ".") && s.kind(k+1, tIdent) && s.is(k+2, "="):
		n := s.text(k + 1)
		e := Export{Name: n, Kind: Value, From: -1}
		if s.kind(k+3, tIdent) && s.text(k+3) != "function" && s.text(k+3) != "async" {
			e.Local = s.text(k + 3)
		}
		s.mod.Exports = append(s.mod.Exports, e)
	}
}

// stmtStart are the words that begin a new module-level statement on a
// new line, which end a declaration written without a semicolon.
var stmtStart = map[string]bool{"export": true, "import": true, "const": true, "let": true, "var": true,
	"function": true, "async": true, "class": true, "type": true, "interface": true, "enum": true,
	"declare": true, "module": true, "if": true, "for": true, "while": true}

// declarators reads `a = 1, { b, c } = d` after const/let/var, records
// function-valued ones in Funcs and, when exported, every name in
// Exports; it returns the index of the last token read.
func (s *scanner) declarators(k int, exported bool) int {
	for k < len(s.toks) {
		var names []string
		switch {
		case s.kind(k, tIdent):
			names = []string{s.text(k)}
			k++
		case s.is(k, "{") || s.is(k, "["):
			d0 := s.toks[k].depth
			k++
			for k < len(s.toks) && !(s.toks[k].depth == d0 && (s.is(k, "}") || s.is(k, "]"))) {
				if s.kind(k, tIdent) && !s.is(k+1, ":") && !s.is(k-1, "=") && !s.is(k-1, "...") {
					names = append(names, s.text(k))
				}
				k++
			}
			k++
		default:
			return k - 1
		}
		// a type annotation, then the initializer, to the , or ; that ends it
		fn := false
		if s.is(k, ":") {
			k = s.skipTo(k+1, true)
		}
		if s.is(k, "=") {
			fn = s.isFunc(k + 1)
			k = s.skipTo(k+1, false)
		}
		for _, n := range names {
			if fn && len(names) == 1 {
				s.mod.Funcs = append(s.mod.Funcs, n)
			}
			if exported {
				kind := Value
				if fn && len(names) == 1 {
					kind = Function
				}
				s.mod.Exports = append(s.mod.Exports, Export{Name: n, Local: n, Kind: kind, From: -1})
			}
		}
		if !s.is(k, ",") {
			return k - 1
		}
		k++
	}
	return k
}

// skipTo returns the index of the , ; or = (in a type, typ) that ends the
// declarator part starting at k, or of the first token of the next
// statement when none does (a declaration without a semicolon).
func (s *scanner) skipTo(k int, typ bool) int {
	depth := 0
	for ; k < len(s.toks); k++ {
		t := s.toks[k]
		if depth == 0 && t.nl && t.kind == tIdent && stmtStart[string(s.word(k))] && !s.is(k-1, "=") && !s.is(k-1, "=>") && !s.is(k-1, ":") {
			return k
		}
		if t.kind != tPunct {
			continue
		}
		switch s.src[t.start] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth--; depth < 0 {
				return k
			}
		case '<':
			if typ {
				depth++
			}
		case '>':
			if typ && t.end-t.start == 1 {
				depth--
			}
		}
		if depth == 0 && (s.is(k, ";") || s.is(k, ",") || typ && s.is(k, "=")) {
			return k
		}
	}
	return k
}

// isFunc reports whether the expression at k is a function: function,
// async, (...) =>, x =>.
func (s *scanner) isFunc(k int) bool {
	k = s.skip(k, "async")
	switch {
	case s.is(k, "function"):
		return true
	case s.kind(k, tIdent) && s.is(k+1, "=>"):
		return true
	case s.is(k, "("):
		d0 := s.toks[k].depth
		depth := 0
		for j := k; j < len(s.toks); j++ {
			if s.toks[j].depth != d0 {
				continue
			}
			if s.is(j, "(") {
				depth++
			} else if s.is(j, ")") {
				if depth--; depth == 0 {
					return s.is(j+1, "=>") || s.is(j+1, ":")
				}
			}
		}
	}
	return false
}
