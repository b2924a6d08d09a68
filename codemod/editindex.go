package codemod

import (
	"slices"
	"sort"
)

// editIndex finds a File's edits by offset without a scan of every edit,
// so that a transform asking about each of a large file's sends costs
// about log n per question, not n. It indexes f.edits[:n] in sorted runs
// of doubling size (a run of one is added per edit and merged with the run
// before it while that one is no larger), each sorted by Start: adding is
// amortized log n, a question is log² n plus what it finds. An edit
// dropped since it was indexed (see DropEdit) no longer has the Start its
// run records and is passed over, and left out at the next merge.
type editIndex struct {
	n    int // f.edits[:n] are indexed
	runs []editRun
}

// editRun is a run of edits sorted by Start (then by the order they were
// added). maxEnd[k] is the largest End among at[:k+1], so a search for
// edits that reach past an offset walks back from the last candidate only
// while one can.
type editRun struct {
	at     []int // indices in f.edits
	start  []int // their Start when indexed
	maxEnd []int
}

// smallEdits is the number of edits below which a question scans them all.
const smallEdits = 32

// sync indexes the edits added since the last question.
func (x *editIndex) sync(edits []Edit) {
	for ; x.n < len(edits); x.n++ {
		e := edits[x.n]
		if e.Start < 0 {
			continue
		}
		x.runs = append(x.runs, editRun{at: []int{x.n}, start: []int{e.Start}, maxEnd: []int{e.End}})
		for k := len(x.runs); k >= 2 && len(x.runs[k-2].at) <= len(x.runs[k-1].at); k-- {
			x.runs[k-2] = mergeRuns(edits, x.runs[k-2], x.runs[k-1])
			x.runs = x.runs[:k-1]
		}
	}
}

// mergeRuns merges two runs, the edits of b added after those of a,
// leaving out the edits dropped since.
func mergeRuns(edits []Edit, a, b editRun) editRun {
	n := len(a.at) + len(b.at)
	out := editRun{at: make([]int, 0, n), start: make([]int, 0, n), maxEnd: make([]int, 0, n)}
	add := func(r editRun, k int) {
		e := edits[r.at[k]]
		if e.Start != r.start[k] {
			return // dropped
		}
		end := e.End
		if l := len(out.maxEnd); l > 0 && out.maxEnd[l-1] > end {
			end = out.maxEnd[l-1]
		}
		out.at = append(out.at, r.at[k])
		out.start = append(out.start, e.Start)
		out.maxEnd = append(out.maxEnd, end)
	}
	i, j := 0, 0
	for i < len(a.at) && j < len(b.at) {
		if b.start[j] < a.start[i] || b.start[j] == a.start[i] && b.at[j] < a.at[i] {
			add(b, j)
			j++
		} else {
			add(a, i)
			i++
		}
	}
	for ; i < len(a.at); i++ {
		add(a, i)
	}
	for ; j < len(b.at); j++ {
		add(b, j)
	}
	return out
}

// within appends the indices of the live edits that start in [start, end]
// and end at or before end.
func (x *editIndex) within(edits []Edit, start, end int, out []int) []int {
	for _, r := range x.runs {
		k := sort.SearchInts(r.start, start)
		for ; k < len(r.at) && r.start[k] <= end; k++ {
			if e := edits[r.at[k]]; e.Start == r.start[k] && e.End <= end {
				out = append(out, r.at[k])
			}
		}
	}
	return out
}

// overlapping appends the indices of the live edits with Start < end and
// End > start.
func (x *editIndex) overlapping(edits []Edit, start, end int, out []int) []int {
	for _, r := range x.runs {
		k := sort.SearchInts(r.start, end) - 1 // the last edit that starts before end
		for ; k >= 0 && r.maxEnd[k] > start; k-- {
			if e := edits[r.at[k]]; e.Start == r.start[k] && e.End > start {
				out = append(out, r.at[k])
			}
		}
	}
	return out
}

// EditsWithin returns the indices in Edits() of the edits that lie inside
// [start, end] (Start >= start, End <= end), in the order they were added.
func (f *File) EditsWithin(start, end int) []int {
	var out []int
	if len(f.edits) < smallEdits {
		for i, e := range f.edits {
			if e.Start >= start && e.End <= end {
				out = append(out, i)
			}
		}
		return out
	}
	f.index.sync(f.edits)
	out = f.index.within(f.edits, start, end, out)
	slices.Sort(out)
	return out
}

// EditsOverlapping returns the indices in Edits() of the edits with
// Start < end and End > start (a replacement that shares a byte with
// [start, end), an insertion strictly inside it), in the order they were
// added.
func (f *File) EditsOverlapping(start, end int) []int {
	var out []int
	if len(f.edits) < smallEdits {
		for i, e := range f.edits {
			if e.Start >= 0 && e.Start < end && e.End > start {
				out = append(out, i)
			}
		}
		return out
	}
	f.index.sync(f.edits)
	out = f.index.overlapping(f.edits, start, end, out)
	slices.Sort(out)
	return out
}

// DropEdit overwrites the edit at index i of Edits() with Dropped: a
// transform that folded it into a larger edit. The indices of the other
// edits do not change.
func (f *File) DropEdit(i int) { f.edits[i] = Dropped }
