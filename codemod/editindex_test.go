package codemod

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestEditsByOffset(t *testing.T) {
	f := &File{}
	f.Replace(2, 4, "a")   // 0
	f.Insert(6, "b")       // 1
	f.Replace(8, 12, "c")  // 2
	f.Replace(10, 10, "d") // 3: an insertion inside 2
	tests := []struct {
		name        string
		start, end  int
		within, ovl []int
	}{
		{"all", 0, 20, []int{0, 1, 2, 3}, []int{0, 1, 2, 3}},
		{"one byte of a replacement", 3, 4, nil, []int{0}},
		{"an insertion's offset", 6, 6, []int{1}, nil},
		{"around an insertion", 5, 7, []int{1}, []int{1}},
		{"insertion at the start", 6, 8, []int{1}, nil},
		{"inside a replacement", 9, 11, []int{3}, []int{2, 3}},
		{"the edge of a replacement", 12, 14, nil, nil},
	}
	for _, big := range []bool{false, true} {
		g := f
		if big { // the same edits among enough others to use the index
			g = &File{}
			g.SetEdits(slices.Clone(f.edits))
			for i := range smallEdits {
				g.Replace(100+i, 100+i, "x")
			}
		}
		for _, tt := range tests {
			if got := g.EditsWithin(tt.start, tt.end); !slices.Equal(got, tt.within) {
				t.Errorf("big %v, %s: EditsWithin(%d, %d) = %v, want %v", big, tt.name, tt.start, tt.end, got, tt.within)
			}
			if got := g.EditsOverlapping(tt.start, tt.end); !slices.Equal(got, tt.ovl) {
				t.Errorf("big %v, %s: EditsOverlapping(%d, %d) = %v, want %v", big, tt.name, tt.start, tt.end, got, tt.ovl)
			}
		}
	}
}

// TestEditIndexMatchesScan holds the index to a scan of every edit, as
// edits are added, dropped and replaced between questions.
func TestEditIndexMatchesScan(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		f := &File{}
		n := r.IntN(300)
		for range n {
			switch k := r.IntN(20); {
			case k == 0 && len(f.edits) > 0:
				f.DropEdit(r.IntN(len(f.edits)))
			case k == 1 && len(f.edits) > 0 && r.IntN(10) == 0:
				f.SetEdits(slices.DeleteFunc(slices.Clone(f.edits), func(e Edit) bool { return e.Start%3 == 0 }))
			case k < 8:
				a, b := r.IntN(1000), r.IntN(1000)
				lo, hi := min(a, b), max(a, b)
				if got, want := f.EditsWithin(lo, hi), scanWithin(f.edits, lo, hi); !slices.Equal(got, want) {
					t.Fatalf("round %d, %d edits: EditsWithin(%d, %d) = %v, want %v", round, len(f.edits), lo, hi, got, want)
				}
				if got, want := f.EditsOverlapping(lo, hi), scanOverlapping(f.edits, lo, hi); !slices.Equal(got, want) {
					t.Fatalf("round %d, %d edits: EditsOverlapping(%d, %d) = %v, want %v", round, len(f.edits), lo, hi, got, want)
				}
			default:
				start := r.IntN(1000)
				end := start + r.IntN(3)*r.IntN(40)
				f.Replace(start, end, "x")
			}
		}
	}
}

func scanWithin(edits []Edit, start, end int) []int {
	var out []int
	for i, e := range edits {
		if e.Start >= 0 && e.Start >= start && e.End <= end {
			out = append(out, i)
		}
	}
	return out
}

func scanOverlapping(edits []Edit, start, end int) []int {
	var out []int
	for i, e := range edits {
		if e.Start >= 0 && e.Start < end && e.End > start {
			out = append(out, i)
		}
	}
	return out
}
