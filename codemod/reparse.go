package codemod

import "strings"

// reparse is what an incremental parse starts from: the text src, whose
// C tree the parser kept, and the edits, sorted as SortEdits returns them,
// that make the text to parse.
type reparse struct {
	src   []byte
	edits []Edit
}

// maxTreeEdits bounds the edits handed to tree-sitter for one parse: each
// ts_tree_edit walks the siblings before the edit at every level it
// descends, so a large file's thousands of edits would cost edits × statements.
// Above it, runs of consecutive edits are merged into one edit each.
var maxTreeEdits = 256 // a variable for tests

// textPoint is a 0-based row and a column in bytes, as tree-sitter counts
// them (a row ends at '\n').
type textPoint struct{ row, col int }

// after returns the point at the end of s, read from p.
func after[T string | []byte](p textPoint, s T) textPoint {
	last := -1
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			p.row++
			last = i
		}
	}
	if last >= 0 {
		p.col = len(s) - last - 1
	} else {
		p.col += len(s)
	}
	return p
}

// treeEdits returns r's edits as tree-sitter edits, in ascending order, on
// the coordinates of r.src (rm_parse applies them last first, so each
// edit's coordinates are those of the text it meets).
func (r *reparse) treeEdits() []treeEdit {
	run := (len(r.edits) + maxTreeEdits - 1) / maxTreeEdits
	out := make([]treeEdit, 0, min(len(r.edits), maxTreeEdits))
	pos, at := 0, textPoint{} // offset pos of r.src is at point at
	for i := 0; i < len(r.edits); i += run {
		e := r.merged(r.edits[i:min(i+run, len(r.edits))])
		start := after(at, r.src[pos:e.Start])
		end := after(start, r.src[e.Start:e.End])
		out = append(out, newTreeEdit(e.Start, e.End, e.Start+len(e.New), start, end, after(start, e.New)))
		pos, at = e.End, end
	}
	return out
}

// merged returns the one edit that does what the consecutive edits es do.
func (r *reparse) merged(es []Edit) Edit {
	if len(es) == 1 {
		return es[0]
	}
	var sb strings.Builder
	for i, e := range es {
		if i > 0 {
			sb.Write(r.src[es[i-1].End:e.Start])
		}
		sb.WriteString(e.New)
	}
	return Edit{Start: es[0].Start, End: es[len(es)-1].End, New: sb.String()}
}
