package codemod

import (
	"regexp"
	"strings"
)

var (
	compilerOptionsRE = regexp.MustCompile(`"compilerOptions"\s*:\s*\{`)
	strictTrueRE      = regexp.MustCompile(`"strict"\s*:\s*true`)
	strictFalseRE     = regexp.MustCompile(`"strict"\s*:\s*false`)
)

// TsconfigNote explains the tsconfig.json change to the user.
const TsconfigNote = `"strictNullChecks": false added: once a project has app/ beside pages/, next build turns strictNullChecks on where strict is off (measured on Next.js 16.4.6), and code that compiled before would stop compiling; this keeps the project's checking as it was`

// KeepStrictNullChecks returns tsconfig.json text with
// `"strictNullChecks": false` added to compilerOptions when strict is off
// and the key is absent, and nil when nothing needs to change:
//
//	"compilerOptions": { "strict": false, ... } => "compilerOptions": { "strictNullChecks": false, "strict": false, ... }
func KeepStrictNullChecks(src []byte) []byte {
	s := string(src)
	if strings.Contains(s, `"strictNullChecks"`) || strictTrueRE.MatchString(s) {
		return nil
	}
	if !strictFalseRE.MatchString(s) && strings.Contains(s, `"extends"`) {
		return nil // strict may come from the base config: leave it alone
	}
	loc := compilerOptionsRE.FindStringIndex(s)
	if loc == nil {
		return nil
	}
	at := loc[1]
	st := DetectStyle(src)
	rest := s[at:]
	if strings.HasPrefix(strings.TrimSpace(rest), "}") {
		return []byte(s[:at] + ` "strictNullChecks": false ` + strings.TrimLeft(rest, " \t\r\n"))
	}
	nl := strings.IndexByte(rest, '\n')
	if nl < 0 || strings.TrimSpace(rest[:nl]) != "" {
		// "compilerOptions": { "a": 1, ... on one line
		return []byte(s[:at] + ` "strictNullChecks": false,` + rest)
	}
	indent := IndentAt(src, at+nl+1)
	return []byte(s[:at] + st.EOL + indent + `"strictNullChecks": false,` + rest)
}
