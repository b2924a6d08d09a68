package codemod

import "bytes"

// Style is how a file lays out its lines: the line ending and one level of
// indentation. Inserted lines follow it.
type Style struct {
	EOL    string // "\n" or "\r\n"
	Indent string // "\t", "  ", "    ", ...
}

// DetectStyle reads the line ending and indentation unit of src. CRLF wins
// when most lines end in it; the indent is a tab when most indented lines
// start with one, else the smallest non-zero count of leading spaces, and
// two spaces when the file has no indented line.
func DetectStyle(src []byte) Style {
	st := Style{EOL: "\n", Indent: "  "}
	lines := bytes.Split(src, []byte("\n"))
	crlf, tabs, spaces, minSpaces := 0, 0, 0, 0
	for i, l := range lines {
		if i < len(lines)-1 && bytes.HasSuffix(l, []byte("\r")) {
			crlf++
		}
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		switch l[0] {
		case '\t':
			tabs++
		case ' ':
			n := 0
			for n < len(l) && l[n] == ' ' {
				n++
			}
			// A leading " *" line continues a block comment; it does not count.
			if n < len(l) && l[n] == '*' {
				continue
			}
			spaces++
			if minSpaces == 0 || n < minSpaces {
				minSpaces = n
			}
		}
	}
	if crlf*2 > len(lines)-1 && crlf > 0 {
		st.EOL = "\r\n"
	}
	if tabs > spaces {
		st.Indent = "\t"
	} else if minSpaces > 0 {
		st.Indent = string(bytes.Repeat([]byte(" "), minSpaces))
	}
	return st
}

// LineStart returns the offset of the start of the line holding off.
func LineStart(src []byte, off int) int {
	for off > 0 && src[off-1] != '\n' {
		off--
	}
	return off
}

// IndentAt returns the leading whitespace of the line holding off.
func IndentAt(src []byte, off int) string {
	s := LineStart(src, off)
	e := s
	for e < len(src) && (src[e] == ' ' || src[e] == '\t') {
		e++
	}
	return string(src[s:e])
}

// LineEnd returns the offset just after the newline ending the line that
// holds off (or len(src)).
func LineEnd(src []byte, off int) int {
	for off < len(src) && src[off] != '\n' {
		off++
	}
	if off < len(src) {
		off++
	}
	return off
}
