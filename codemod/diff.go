package codemod

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// diffContext is the number of unchanged lines shown around each change.
const diffContext = 3

// diffLine is one line of a line-level edit script. kind is ' ' (kept), '-' (removed) or '+' (added);
// text holds the line with its "\n" (absent only on a file's last line) and any "\r" byte for byte.
type diffLine struct {
	kind byte
	text string
}

// UnifiedDiff returns a git-apply-compatible unified diff that turns oldText at oldPath into newText at newPath.
// Paths are slash-separated and relative to the project root; the diff uses a/ and b/ prefixes and starts with a `diff --git` line.
// oldPath == "" : a new file (`new file mode 100644`, `--- /dev/null`); oldText is ignored.
// newPath == "" : a deleted file (`deleted file mode 100644`, `+++ /dev/null`); newText is ignored.
// oldPath != newPath, both set: a rename (`rename from` / `rename to` lines, then hunks if the content changed; if the content is identical no hunks: `similarity index 100%`).
// Returns nil when oldPath == newPath and the texts are equal.
// Paths that git would quote (control characters, `"`, `\`, non-ASCII) are quoted the way git quotes them.
func UnifiedDiff(oldPath, newPath string, oldText, newText []byte) []byte {
	if oldPath == newPath && (oldPath == "" || bytes.Equal(oldText, newText)) {
		return nil
	}
	if oldPath == "" {
		oldText = nil
	}
	if newPath == "" {
		newText = nil
	}
	lines := diffLines(string(oldText), string(newText))

	var buf bytes.Buffer
	diffHeader(&buf, oldPath, newPath, lines, len(oldText), len(newText))
	if diffHasChanges(lines) {
		diffFileLabels(&buf, oldPath, newPath)
		diffHunks(&buf, lines)
	}
	return buf.Bytes()
}

// diffLines returns the line-level edit script from oldText to newText, computed by go-diff in line mode:
// DiffLinesToChars turns each distinct line into one rune, DiffMain diffs the two rune strings, and DiffCharsToLines
// turns the runes back into lines. Every text keeps its "\n" (absent only on a file's last line) and any "\r" byte for
// byte, and within each changed region the removed lines come before the added ones (DiffMain's final merge puts
// deletions first), as in git.
func diffLines(oldText, newText string) []diffLine {
	if diffCountLines(oldText)+diffCountLines(newText) > maxDiffLines {
		return diffReplace(oldText, newText)
	}
	dmp := diffmatchpatch.New()
	// No deadline: with one, the diff would depend on the machine's load (past it go-diff gives up and returns a coarser
	// diff) and go-diff would first try a half-match shortcut that need not be minimal. Without one the diff is the same
	// on every run; go-diff trims the common leading and trailing lines before its search, and routes are short.
	dmp.DiffTimeout = 0
	chars1, chars2, lineArray := dmp.DiffLinesToChars(oldText, newText)
	// checklines false: the texts are already one rune per line, and line mode would split them again at whichever
	// line's rune happens to be '\n'.
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(chars1, chars2, false), lineArray)

	lines := make([]diffLine, 0, diffCountLines(oldText)+diffCountLines(newText))
	for _, d := range diffs {
		kind := byte(' ')
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			kind = '-'
		case diffmatchpatch.DiffInsert:
			kind = '+'
		}
		for text := d.Text; text != ""; {
			end := strings.IndexByte(text, '\n') + 1
			if end == 0 {
				end = len(text)
			}
			lines = append(lines, diffLine{kind: kind, text: text[:end]})
			text = text[end:]
		}
	}
	return lines
}

// diffCountLines returns the number of lines in text: its "\n" bytes, plus one for a last line without "\n".
func diffCountLines(text string) int {
	n := strings.Count(text, "\n")
	if text != "" && text[len(text)-1] != '\n' {
		n++
	}
	return n
}

// diffHasChanges reports whether lines contains an added or removed line.
func diffHasChanges(lines []diffLine) bool {
	for _, l := range lines {
		if l.kind != ' ' {
			return true
		}
	}
	return false
}

// diffHeader writes the `diff --git` line and the extended header lines (new, deleted, rename).
func diffHeader(buf *bytes.Buffer, oldPath, newPath string, lines []diffLine, oldLen, newLen int) {
	a, b := oldPath, newPath
	if a == "" {
		a = b
	}
	if b == "" {
		b = a
	}
	fmt.Fprintf(buf, "diff --git %s %s\n", diffQuotePath("a/"+a), diffQuotePath("b/"+b))
	switch {
	case oldPath == "":
		buf.WriteString("new file mode 100644\n")
	case newPath == "":
		buf.WriteString("deleted file mode 100644\n")
	case oldPath != newPath:
		fmt.Fprintf(buf, "similarity index %d%%\n", diffSimilarity(lines, oldLen, newLen))
		fmt.Fprintf(buf, "rename from %s\n", diffQuotePath(oldPath))
		fmt.Fprintf(buf, "rename to %s\n", diffQuotePath(newPath))
	}
}

// diffSimilarity estimates, as git does, the share of the larger file that is kept unchanged (0 to 100).
func diffSimilarity(lines []diffLine, oldLen, newLen int) int {
	size := max(oldLen, newLen)
	if size == 0 {
		return 100
	}
	kept := 0
	for _, l := range lines {
		if l.kind == ' ' {
			kept += len(l.text)
		}
	}
	return kept * 100 / size
}

// diffFileLabels writes the `---` and `+++` lines, with /dev/null for a missing side.
func diffFileLabels(buf *bytes.Buffer, oldPath, newPath string) {
	buf.WriteString("--- " + diffLabel("a/", oldPath) + "\n")
	buf.WriteString("+++ " + diffLabel("b/", newPath) + "\n")
}

// diffLabel returns the file name of one side of a `---`/`+++` line; like git it appends a tab when the name has a space.
func diffLabel(prefix, path string) string {
	if path == "" {
		return "/dev/null"
	}
	label := diffQuotePath(prefix + path)
	if strings.Contains(path, " ") {
		label += "\t"
	}
	return label
}

// diffHunks writes the hunks of lines with diffContext lines of context, merging hunks whose context would touch or overlap.
func diffHunks(buf *bytes.Buffer, lines []diffLine) {
	n := len(lines)
	// oldBefore[i] and newBefore[i] count the old and new lines before lines[i].
	oldBefore := make([]int, n+1)
	newBefore := make([]int, n+1)
	for i, l := range lines {
		oldBefore[i+1], newBefore[i+1] = oldBefore[i], newBefore[i]
		if l.kind != '+' {
			oldBefore[i+1]++
		}
		if l.kind != '-' {
			newBefore[i+1]++
		}
	}

	for i := 0; i < n; {
		if lines[i].kind == ' ' {
			i++
			continue
		}
		start, end := i, diffGroupEnd(lines, i)
		from, to := max(0, start-diffContext), min(n, end+diffContext)
		oldCount, newCount := oldBefore[to]-oldBefore[from], newBefore[to]-newBefore[from]
		fmt.Fprintf(buf, "@@ -%s +%s @@\n",
			diffRange(oldBefore[from], oldCount), diffRange(newBefore[from], newCount))
		for _, l := range lines[from:to] {
			buf.WriteByte(l.kind)
			buf.WriteString(l.text)
			if !strings.HasSuffix(l.text, "\n") {
				buf.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = end
	}
}

// diffGroupEnd returns the index just past the last change of the group starting at the change lines[start]:
// changes separated by at most 2*diffContext unchanged lines belong to the same hunk.
func diffGroupEnd(lines []diffLine, start int) int {
	end := start
	for j := start; j < len(lines); {
		if lines[j].kind != ' ' {
			j++
			end = j
			continue
		}
		k := j
		for k < len(lines) && lines[k].kind == ' ' {
			k++
		}
		if k == len(lines) || k-j > 2*diffContext {
			break
		}
		j = k
	}
	return end
}

// diffRange formats one side of a hunk header: "start,count", or just "start" when count is 1.
// before is the number of lines of that side before the hunk; an empty side names the line it follows.
func diffRange(before, count int) string {
	switch count {
	case 0:
		return strconv.Itoa(before) + ",0"
	case 1:
		return strconv.Itoa(before + 1)
	}
	return strconv.Itoa(before+1) + "," + strconv.Itoa(count)
}

// diffQuotePath quotes p as git does (C style, octal escapes for bytes outside printable ASCII) when p needs it.
func diffQuotePath(p string) string {
	if !strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r >= 0x7f || r == '"' || r == '\\' }) {
		return p
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch c {
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\v':
			b.WriteString(`\v`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		default:
			if c < 0x20 || c >= 0x7f {
				fmt.Fprintf(&b, `\%03o`, c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// ANSI escape sequences used by ColorizeDiff, the same as git's defaults.
const (
	diffColorReset = "\x1b[m"
	diffColorMeta  = "\x1b[1m"
	diffColorFrag  = "\x1b[36m"
	diffColorOld   = "\x1b[31m"
	diffColorNew   = "\x1b[32m"
)

// ColorizeDiff wraps the lines of a unified diff in ANSI colours as git does (bold headers, cyan @@, red -, green +).
// Context lines and `\ No newline at end of file` stay plain; a line's "\r\n" or "\n" ending stays outside the colour.
func ColorizeDiff(d []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(d) + len(d)/4)
	inHunk := false
	for _, line := range bytes.SplitAfter(d, []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		body, eol := diffSplitEOL(line)
		switch {
		case bytes.HasPrefix(body, []byte("diff --git ")):
			inHunk = false
			diffPaint(&out, diffColorMeta, body, eol)
		case bytes.HasPrefix(body, []byte("@@")):
			inHunk = true
			frag := body
			if end := bytes.Index(body[2:], []byte("@@")); end >= 0 {
				frag = body[:end+4]
			}
			diffPaint(&out, diffColorFrag, frag, nil)
			out.Write(body[len(frag):])
			out.Write(eol)
		case !inHunk:
			diffPaint(&out, diffColorMeta, body, eol)
		case len(body) > 0 && body[0] == '-':
			diffPaint(&out, diffColorOld, body, eol)
		case len(body) > 0 && body[0] == '+':
			diffPaint(&out, diffColorNew, body, eol)
		default:
			out.Write(line)
		}
	}
	return out.Bytes()
}

// diffSplitEOL splits line into its body and its "\r\n", "\n" or empty ending.
func diffSplitEOL(line []byte) (body, eol []byte) {
	body = bytes.TrimSuffix(line, []byte("\n"))
	body = bytes.TrimSuffix(body, []byte("\r"))
	return body, line[len(body):]
}

// diffPaint writes body in colour, then eol uncoloured.
func diffPaint(out *bytes.Buffer, color string, body, eol []byte) {
	if len(body) > 0 {
		out.WriteString(color)
		out.Write(body)
		out.WriteString(diffColorReset)
	}
	out.Write(eol)
}

// maxDiffLines is the most lines (old and new together) diffLines searches
// for a minimal diff: the search takes time in the product of the lines and
// the changes, which a large file rewritten throughout makes quadratic (a
// 2 MB route took minutes). Above it the diff is diffReplace's.
const maxDiffLines = 20000

// diffReplace is a valid but not minimal line diff in linear time: the
// common leading and trailing lines kept, every line between removed, then
// the new ones added.
func diffReplace(oldText, newText string) []diffLine {
	split := func(text string) []string {
		var out []string
		for text != "" {
			end := strings.IndexByte(text, '\n') + 1
			if end == 0 {
				end = len(text)
			}
			out = append(out, text[:end])
			text = text[end:]
		}
		return out
	}
	a, b := split(oldText), split(newText)
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	lines := make([]diffLine, 0, len(a)+len(b))
	for _, t := range a[:pre] {
		lines = append(lines, diffLine{kind: ' ', text: t})
	}
	for _, t := range a[pre : len(a)-suf] {
		lines = append(lines, diffLine{kind: '-', text: t})
	}
	for _, t := range b[pre : len(b)-suf] {
		lines = append(lines, diffLine{kind: '+', text: t})
	}
	for _, t := range a[len(a)-suf:] {
		lines = append(lines, diffLine{kind: ' ', text: t})
	}
	return lines
}
