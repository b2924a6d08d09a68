package project

import "bytes"

// tokKind is the kind of a token of the module scanner.
type tokKind uint8

const (
	tIdent     tokKind = iota // identifier or keyword
	tString                   // '...' or "..."; start/end cover the text inside the quotes
	tPunct                    // one punctuation character, or "=>"
	tNumber                   // numeric literal
	tTemplate                 // a template literal's text (its ${} code is lexed as tokens)
	tRegex                    // regular expression literal
	tDocImport                // import("m") in a comment (a JSDoc type); start/end cover m
)

// token is one token of a module; the scanner reads tokens, not trees.
type token struct {
	kind       tokKind
	start, end int
	depth      int32 // brace depth before the token (0: module level)
	nl         bool  // a line break precedes it
}

// regexAfter are the keywords after which a slash starts a regular expression.
var regexAfter = map[string]bool{"return": true, "typeof": true, "instanceof": true, "in": true, "of": true,
	"new": true, "delete": true, "void": true, "throw": true, "case": true, "do": true, "else": true,
	"yield": true, "await": true}

// lex splits src into tokens, appending to toks. It skips comments and
// never fails: a quote or slash that does not close on its line (an
// apostrophe in JSX text) is one punctuation token, so a misread stays on
// its line.
func lex(src []byte, toks []token) []token {
	var braces []byte // '{' for code, '`' for a template's ${
	nl := false
	i := 0
	emit := func(k tokKind, s, e int) {
		toks = append(toks, token{kind: k, start: s, end: e, depth: int32(len(braces)), nl: nl})
		nl = false
	}
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\n':
			nl = true
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			j := bytes.Index(src[i+2:], []byte("*/")) + i + 2
			if j < i+2 {
				j = len(src) - 2
			}
			for _, b := range src[i:j] {
				if b == '\n' {
					nl = true
				}
			}
			toks = docImports(src, i+2, j, toks, int32(len(braces)))
			i = j + 2
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(src) && src[j] != c && src[j] != '\n' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(src) || src[j] != c {
				emit(tPunct, i, i+1)
				i++
				continue
			}
			emit(tString, i+1, j)
			i = j + 1
		case c == '`':
			i = lexTemplate(src, i+1, &braces, emit)
		case isIdentStart(c):
			j := i + 1
			for j < len(src) && isIdentPart(src[j]) {
				j++
			}
			emit(tIdent, i, j)
			i = j
		case c >= '0' && c <= '9':
			j := i + 1
			for j < len(src) && (isIdentPart(src[j]) || src[j] == '.') {
				j++
			}
			emit(tNumber, i, j)
			i = j
		case c == '/' && slashIsRegex(src, toks, i):
			if j := regexEnd(src, i+1); j > 0 {
				emit(tRegex, i, j)
				i = j
				continue
			}
			emit(tPunct, i, i+1)
			i++
		case c == '{':
			emit(tPunct, i, i+1)
			braces = append(braces, '{')
			i++
		case c == '}':
			if n := len(braces); n > 0 {
				top := braces[n-1]
				braces = braces[:n-1]
				if top == '`' { // the end of a template's ${...}
					i = lexTemplate(src, i+1, &braces, emit)
					continue
				}
			}
			emit(tPunct, i, i+1)
			i++
		case c == '=' && i+1 < len(src) && src[i+1] == '>':
			emit(tPunct, i, i+2)
			i += 2
		default:
			emit(tPunct, i, i+1)
			i++
		}
	}
	return toks
}

// lexTemplate reads a template literal from just after its backquote (or
// after the } closing one of its ${...} parts) and returns where code
// resumes: after the closing backquote, or after the next ${ (pushed on
// braces as '`').
func lexTemplate(src []byte, i int, braces *[]byte, emit func(tokKind, int, int)) int {
	start := i
	for i < len(src) {
		switch src[i] {
		case '\\':
			i += 2
			continue
		case '`':
			emit(tTemplate, start, i)
			return i + 1
		case '$':
			if i+1 < len(src) && src[i+1] == '{' {
				emit(tTemplate, start, i)
				*braces = append(*braces, '`')
				return i + 2
			}
		}
		i++
	}
	emit(tTemplate, start, len(src))
	return len(src)
}

// slashIsRegex reports whether the slash at at, after toks, starts a
// regular expression rather than a division.
func slashIsRegex(src []byte, toks []token, at int) bool {
	if len(toks) == 0 {
		return true
	}
	t := toks[len(toks)-1]
	switch t.kind {
	case tNumber, tString, tTemplate, tRegex:
		return false
	case tIdent:
		return regexAfter[string(src[t.start:t.end])]
	}
	switch src[t.start] {
	case ')', ']':
		return false
	case '<':
		return t.end != at // "</" is a JSX closing tag
	}
	return true
}

// regexEnd returns the end of a regular expression whose body starts at
// i, or -1 when none closes on this line.
func regexEnd(src []byte, i int) int {
	class := false
	for i < len(src) {
		switch c := src[i]; {
		case c == '\n':
			return -1
		case c == '\\':
			i++
		case c == '[':
			class = true
		case c == ']':
			class = false
		case c == '/' && !class:
			i++
			for i < len(src) && isIdentPart(src[i]) {
				i++
			}
			return i
		}
		i++
	}
	return -1
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c >= 0x80
}

func isIdentPart(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

// docImports appends a tDocImport token for each import("m") in the
// comment src[i:j] (JSDoc: @type {import("../pages/api/x").Body}).
func docImports(src []byte, i, j int, toks []token, depth int32) []token {
	for {
		k := bytes.Index(src[i:j], []byte("import("))
		if k < 0 {
			return toks
		}
		i += k + len("import(")
		if i >= j || src[i] != '"' && src[i] != '\'' {
			continue
		}
		q := src[i]
		e := bytes.IndexByte(src[i+1:j], q)
		if e < 0 {
			return toks
		}
		if end := i + 1 + e; bytes.IndexByte(src[i+1:end], '\n') < 0 && end+1 < j && src[end+1] == ')' {
			toks = append(toks, token{kind: tDocImport, start: i + 1, end: end, depth: depth})
		}
		i += 1 + e
	}
}
