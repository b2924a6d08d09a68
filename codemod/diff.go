package codemod

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"strconv"
	"strings"
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

// diffLines computes a minimal line-level edit script from oldText to newText (fewest removed plus added lines).
// The common leading and trailing lines are kept as they are; the lines in between are interned to ints and compared
// with Myers' O((N+M)D) greedy algorithm in its linear-space form. Every text is a substring of oldText or newText, and
// within each changed region the removed lines come before the added ones, as in git.
func diffLines(oldText, newText string) []diffLine {
	na, nb := diffCountLines(oldText), diffCountLines(newText)
	all := diffSplitLines(make([]string, 0, na+nb), oldText)
	all = diffSplitLines(all, newText)
	a, b := all[:na:na], all[na:]

	pre := 0
	for pre < na && pre < nb && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < na-pre && suf < nb-pre && a[na-1-suf] == b[nb-1-suf] {
		suf++
	}
	midA, midB := a[pre:na-suf], b[pre:nb-suf]

	// idA and idB hold the interned middle lines, diffEdited where a line is removed or added.
	var idA, idB []int32
	added := len(midB)
	if len(midA) > 0 && len(midB) > 0 {
		idA, idB = diffEditScript(midA, midB)
		added = 0
		for _, id := range idB {
			if id == diffEdited {
				added++
			}
		}
	}
	removed := func(i int) bool { return idA == nil || idA[i] == diffEdited }
	inserted := func(j int) bool { return idB == nil || idB[j] == diffEdited }

	lines := make([]diffLine, 0, na+added)
	for _, text := range a[:pre] {
		lines = append(lines, diffLine{kind: ' ', text: text})
	}
	for i, j := 0, 0; i < len(midA) || j < len(midB); {
		if i < len(midA) && j < len(midB) && !removed(i) && !inserted(j) {
			lines = append(lines, diffLine{kind: ' ', text: midA[i]})
			i, j = i+1, j+1
			continue
		}
		i0, j0 := i, j
		for ; i < len(midA) && removed(i); i++ {
			lines = append(lines, diffLine{kind: '-', text: midA[i]})
		}
		for ; j < len(midB) && inserted(j); j++ {
			lines = append(lines, diffLine{kind: '+', text: midB[j]})
		}
		if i == i0 && j == j0 {
			panic("codemod: diff edit script keeps different numbers of old and new lines")
		}
	}
	for _, text := range a[na-suf:] {
		lines = append(lines, diffLine{kind: ' ', text: text})
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

// diffSplitLines appends the lines of text to dst, each a substring of text with its "\n" (absent only on a last line
// that has none) and any "\r", and returns the extended slice.
func diffSplitLines(dst []string, text string) []string {
	for text != "" {
		end := strings.IndexByte(text, '\n') + 1
		if end == 0 {
			end = len(text)
		}
		dst = append(dst, text[:end])
		text = text[end:]
	}
	return dst
}

// diffEdited marks a removed or added line in the id slices of diffEditScript; interned ids are never negative.
const diffEdited int32 = -1

// diffSeed seeds the line hashes of diffEditScript; ids do not depend on it, so neither does the diff.
var diffSeed = maphash.MakeSeed()

// diffEditScript interns the lines of a and b (both non-empty) to ids, the index of each line's first occurrence in a
// followed by b, and computes a shortest edit script between them. It returns the ids of a and of b, with each line
// that the script removes (in a) or adds (in b) set to diffEdited.
// A line found on one side only is always edited, so it is marked at once and left out of the Myers search: that
// changes neither the length of the script nor its validity, and most changed lines are such lines.
func diffEditScript(a, b []string) (idA, idB []int32) {
	n := len(a) + len(b)
	size := 2
	for size < 2*n {
		size <<= 1
	}
	// One allocation: the ids; an open-addressing table at most half full (entry i+1 stands for line i, 0 for
	// empty), reused as per-id flags; the searched ids and their positions; the two Myers vectors of n+1 diagonals.
	buf := make([]int32, n+size+2*n+2*(n+1))
	ids, table, rest := buf[:n], buf[n:n+size], buf[n+size:]
	line := func(i int) string {
		if i < len(a) {
			return a[i]
		}
		return b[i-len(a)]
	}
	mask := uint64(size - 1)
	for i := range n {
		text := line(i)
		for h := maphash.String(diffSeed, text) & mask; ; h = (h + 1) & mask {
			e := int(table[h])
			if e == 0 {
				table[h] = int32(i + 1)
				ids[i] = int32(i)
				break
			}
			if line(e-1) == text {
				ids[i] = int32(e - 1)
				break
			}
		}
	}

	// sides[id] has bit 1 when the line occurs in a, bit 2 when it occurs in b.
	const inA, inB = 1, 2
	sides := table[:n]
	clear(sides)
	idA, idB = ids[:len(a)], ids[len(a):]
	for _, id := range idA {
		sides[id] |= inA
	}
	for _, id := range idB {
		sides[id] |= inB
	}
	// Move the ids found on both sides to search (a's, then b's), their indexes in ids to pos; mark the others.
	search, pos := rest[:0:n], rest[n:2*n]
	for i, id := range ids {
		if sides[id] == inA|inB {
			pos[len(search)] = int32(i)
			search = append(search, id)
		} else {
			ids[i] = diffEdited
		}
	}
	sa := 0
	for sa < len(search) && pos[sa] < int32(len(a)) {
		sa++
	}
	if sa > 0 && sa < len(search) {
		v := rest[2*n:]
		m := diffMyers{a: search[:sa], b: search[sa:], vf: v[:n+1], vb: v[n+1:], off: len(search) - sa}
		m.compare(0, sa, 0, len(search)-sa)
	}
	for t, id := range search {
		if id == diffEdited {
			ids[pos[t]] = diffEdited
		}
	}
	return idA, idB
}

// diffMyers computes a shortest edit script between the id sequences a and b with Myers' linear-space algorithm,
// setting the removed elements of a and the added elements of b to diffEdited.
// In the edit graph of a[aLo:aHi] against b[bLo:bHi] (n×m), a path runs from (0, 0) to (n, m): a step right removes an
// element of a, a step down adds one of b, and a free diagonal step keeps a pair of equal elements. Diagonal k holds
// the points with x-y == k. vf[k+off] and vb[k+off] hold the furthest x reached on diagonal k by the forward search
// from (0, 0) and by the backward search from (n, m) (the latter in the coordinates of the reversed sequences).
type diffMyers struct {
	a, b   []int32
	vf, vb []int32
	off    int
}

// compare marks a shortest edit script from a[aLo:aHi] to b[bLo:bHi].
func (m *diffMyers) compare(aLo, aHi, bLo, bHi int) {
	for {
		for aLo < aHi && bLo < bHi && m.a[aLo] == m.b[bLo] {
			aLo, bLo = aLo+1, bLo+1
		}
		for aLo < aHi && bLo < bHi && m.a[aHi-1] == m.b[bHi-1] {
			aHi, bHi = aHi-1, bHi-1
		}
		if aLo == aHi {
			for j := bLo; j < bHi; j++ {
				m.b[j] = diffEdited
			}
			return
		}
		if bLo == bHi {
			for i := aLo; i < aHi; i++ {
				m.a[i] = diffEdited
			}
			return
		}
		// Both sides are non-empty and differ at both ends, so at least two edits are needed, and the middle point
		// splits them into two non-empty halves: the recursion ends, at a depth logarithmic in the edit count.
		x, y := m.middle(aLo, aHi, bLo, bHi)
		m.compare(aLo, x, bLo, y)
		aLo, bLo = x, y
	}
}

// middle returns a point (x, y), in absolute indexes, on a shortest edit path from a[aLo:aHi] to b[bLo:bHi] (both
// non-empty) where the D edits of the path divide into ceil(D/2) before it and floor(D/2) after it.
//
// The forward search extends, for d = 0, 1, ..., the furthest point on each diagonal that d edits reach from (0, 0);
// the backward search does the same from (n, m). The points d edits reach on a diagonal are exactly those up to the
// furthest one (the edit distance never decreases along a diagonal), so the searches meet on diagonal k, with d and d'
// edits, when the forward x is at or past the backward x; the first meeting, checked after each half step, gives
// d+d' == D. The searches only ever visit points inside the grid.
func (m *diffMyers) middle(aLo, aHi, bLo, bHi int) (int, int) {
	a, b := m.a[aLo:aHi], m.b[bLo:bHi]
	n, mm := len(a), len(b)
	delta := n - mm // the diagonal of (n, m); D has its parity
	odd := delta&1 != 0
	// Index diagonal k, -mm <= k <= n, at k+mm.
	vf, vb := m.vf[m.off-mm:m.off+n+1], m.vb[m.off-mm:m.off+n+1]
	for d := 0; ; d++ {
		// The diagonals that d edits reach: |k| <= d, inside the grid, with the parity of d.
		lo, hi := max(-d, -mm), min(d, n)
		if (lo+d)&1 != 0 {
			lo++
		}
		if (hi+d)&1 != 0 {
			hi--
		}
		for k := lo; k <= hi; k += 2 {
			x := diffReach(vf, d, k, n, mm)
			y := x - k
			for x < n && y < mm && a[x] == b[y] {
				x, y = x+1, y+1
			}
			vf[k+mm] = int32(x)
			// With D odd, meet the backward search of d-1 edits: D == 2d-1. Its diagonal r is k seen from (n, m).
			if r := delta - k; odd && r > -d && r < d && r >= -mm && r <= n && x+int(vb[r+mm]) >= n {
				return aLo + x, bLo + y
			}
		}
		for k := lo; k <= hi; k += 2 {
			x := diffReach(vb, d, k, n, mm)
			y := x - k
			for x < n && y < mm && a[n-1-x] == b[mm-1-y] {
				x, y = x+1, y+1
			}
			vb[k+mm] = int32(x)
			// With D even, meet the forward search of d edits: D == 2d. Split at the forward point.
			if f := delta - k; !odd && f >= -d && f <= d && f >= -mm && f <= n && int(vf[f+mm])+x >= n {
				xf := int(vf[f+mm])
				return aLo + xf, bLo + xf - f
			}
		}
	}
}

// diffReach returns the furthest x at which d edits first arrive on diagonal k of an n×m edit graph (n, m >= 1), before
// following equal elements: one step right from diagonal k-1 or one step down from diagonal k+1, taken from the furthest
// point of d-1 edits there (v, indexed k+m) or, if that point is on the grid's edge, from the last one that can take the
// step. For d == 0 it is the start, 0.
func diffReach(v []int32, d, k, n, m int) int {
	if d == 0 {
		return 0
	}
	x := -1
	if k > -d && k > -m { // diagonal k-1 was reached with d-1 edits
		x = min(int(v[k-1+m])+1, n)
	}
	if k < d && k < n { // diagonal k+1 was reached with d-1 edits
		x = max(x, min(int(v[k+1+m]), m+k))
	}
	return x
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
