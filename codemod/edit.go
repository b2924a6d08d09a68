package codemod

import (
	"fmt"
	"sort"
	"strings"
)

// Edit replaces the bytes [Start, End) of the original text with New.
// Start == End is an insertion. By names the transform that made it. An
// edit with Start < 0 is dropped (see Dropped).
type Edit struct {
	Start, End int
	New        string
	By         string
}

// Dropped is the edit a transform leaves in the place of one it folded
// into a larger edit: SortEdits and ApplyEdits leave it out, and it covers
// no offset. Overwriting an edit with it is constant time where removing it
// from the list would move every later edit.
var Dropped = Edit{Start: -1, End: -1}

// ConflictError reports two edits that overlap: a bug in a transform.
type ConflictError struct{ A, B Edit }

func (e *ConflictError) Error() string {
	return fmt.Sprintf("overlapping edits: [%d,%d) by %s and [%d,%d) by %s",
		e.A.Start, e.A.End, e.A.By, e.B.Start, e.B.End, e.B.By)
}

// Within returns the edits of sorted (as SortEdits sorts them) that lie
// inside [start, end]: sorted[i:j].
func Within(sorted []Edit, start, end int) (i, j int) {
	i = sort.Search(len(sorted), func(k int) bool { return sorted[k].Start >= start })
	j = i
	for j < len(sorted) && sorted[j].End <= end {
		j++
	}
	return i, j
}

// SortEdits orders edits by position (insertions before replacements that
// start at the same offset; otherwise in the order given), merges identical
// edits, leaves out dropped ones, and fails on overlap.
func SortEdits(edits []Edit) ([]Edit, error) {
	sorted := make([]Edit, 0, len(edits))
	for _, e := range edits {
		if e.Start >= 0 {
			sorted = append(sorted, e)
		}
	}
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return (a.End == a.Start) && (b.End != b.Start)
	})
	out := sorted[:0]
	for _, e := range sorted {
		if e.Start > e.End {
			return nil, fmt.Errorf("bad edit [%d,%d) by %s", e.Start, e.End, e.By)
		}
		if len(out) > 0 {
			last := out[len(out)-1]
			if last.Start == e.Start && last.End == e.End && last.New == e.New {
				continue // identical edits merge
			}
			if e.Start < last.End || (e.Start == last.Start && e.End > e.Start && last.End > last.Start) {
				return nil, &ConflictError{last, e}
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// ApplyEdits applies edits to src. Text outside the edited ranges is kept
// byte for byte.
func ApplyEdits(src []byte, edits []Edit) ([]byte, error) {
	sorted, err := SortEdits(edits)
	if err != nil {
		return nil, err
	}
	var sb strings.Builder
	sb.Grow(len(src) + 256)
	pos := 0
	for _, e := range sorted {
		if e.End > len(src) {
			return nil, fmt.Errorf("edit [%d,%d) by %s past end of file (%d)", e.Start, e.End, e.By, len(src))
		}
		sb.Write(src[pos:e.Start])
		sb.WriteString(e.New)
		pos = e.End
	}
	sb.Write(src[pos:])
	return []byte(sb.String()), nil
}

// Reindent describes how copied lines change indentation: lines lose the
// first Strip bytes of their leading whitespace (when they have that much)
// and gain Add. Lines for which Keep returns true are copied unchanged.
type Reindent struct {
	Strip int
	Add   string
	Keep  func(off int) bool
}

// CopyRange returns src[start:end] with the edits that lie inside the range
// applied and every line re-indented. Edits that straddle the range are a
// conflict; edits outside it are ignored. Edits must be sorted as
// SortEdits sorts them.
func CopyRange(src []byte, start, end int, sorted []Edit, ri Reindent) (string, error) {
	var sb strings.Builder
	pos := start
	atLineStart := start == 0 || src[start-1] == '\n'
	writeOrig := func(a, b int) {
		for a < b {
			if atLineStart {
				atLineStart = false
				if ri.Keep == nil || !ri.Keep(a) {
					a = ri.skipIndent(src, a, b, &sb)
					continue
				}
			}
			nl := strings.IndexByte(string(src[a:b]), '\n')
			if nl < 0 {
				sb.Write(src[a:b])
				return
			}
			sb.Write(src[a : a+nl+1])
			a += nl + 1
			atLineStart = true
		}
	}
	writeNew := func(s string) {
		for s != "" {
			if atLineStart {
				atLineStart = false
				b := []byte(s)
				var tmp strings.Builder
				i := ri.skipIndent(b, 0, len(b), &tmp)
				sb.WriteString(tmp.String())
				s = s[i:]
				continue
			}
			nl := strings.IndexByte(s, '\n')
			if nl < 0 {
				sb.WriteString(s)
				return
			}
			sb.WriteString(s[:nl+1])
			s = s[nl+1:]
			atLineStart = true
		}
	}
	// Only the edit before the first that starts in the range can reach
	// into it (the edits do not overlap): the copy of a small range of a
	// large file does not look at every edit.
	first := max(sort.Search(len(sorted), func(i int) bool { return sorted[i].Start >= start })-1, 0)
	for _, e := range sorted[first:] {
		if e.Start > end {
			break
		}
		insert := e.Start == e.End
		if e.End < start || (!insert && (e.End == start || e.Start == end)) || (insert && e.Start == end) {
			continue // outside the range
		}
		if e.Start < start || e.End > end {
			return "", &ConflictError{Edit{Start: start, End: end, By: "copy"}, e}
		}
		writeOrig(pos, e.Start)
		writeNew(e.New)
		pos = e.End
	}
	writeOrig(pos, end)
	return sb.String(), nil
}

// skipIndent writes the re-indented leading whitespace of the line at
// src[a:b] into sb and returns the offset of the rest of the line.
func (ri Reindent) skipIndent(src []byte, a, b int, sb *strings.Builder) int {
	i := a
	for i < b && i-a < ri.Strip && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	blank := i >= b || src[i] == '\n' || src[i] == '\r'
	if !blank {
		sb.WriteString(ri.Add)
	}
	return i
}
