package libraries

import (
	"fmt"
	"strconv"
	"strings"
)

// Version is a semantic version, major.minor.patch with an optional
// prerelease tag (build metadata is dropped).
type Version struct {
	Major, Minor, Patch int
	Pre                 string // "beta.1" in 4.24.9-beta.1
}

func (v Version) String() string {
	s := fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch)
	if v.Pre != "" {
		s += "-" + v.Pre
	}
	return s
}

// Compare orders versions by number, a prerelease before its release.
// Two prereleases of the same number compare by their tags as strings
// (a simplification: npm orders their dot parts numerically).
func (v Version) Compare(w Version) int {
	for _, d := range []int{v.Major - w.Major, v.Minor - w.Minor, v.Patch - w.Patch} {
		if d != 0 {
			return d
		}
	}
	switch {
	case v.Pre == w.Pre:
		return 0
	case v.Pre == "":
		return 1
	case w.Pre == "":
		return -1
	}
	return strings.Compare(v.Pre, w.Pre)
}

// partial parses a version of which trailing parts may be missing or
// wildcards (4, 4.x, 4.19.*); n is how many parts are given.
func partial(s string) (v Version, n int, err error) {
	s = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(s), "="), "v")
	if i := strings.IndexByte(s, '+'); i >= 0 {
		s = s[:i]
	}
	core, pre, _ := strings.Cut(s, "-")
	parts := strings.Split(core, ".")
	if core == "" || len(parts) > 3 {
		return v, 0, fmt.Errorf("not a version: %q", s)
	}
	nums := []*int{&v.Major, &v.Minor, &v.Patch}
	for i, p := range parts {
		if p == "x" || p == "X" || p == "*" {
			break
		}
		x, err := strconv.Atoi(p)
		if err != nil || x < 0 {
			return v, 0, fmt.Errorf("not a version: %q", s)
		}
		*nums[i] = x
		n = i + 1
	}
	if pre != "" {
		if n < 3 {
			return v, 0, fmt.Errorf("a prerelease needs a full version: %q", s)
		}
		v.Pre = pre
	}
	return v, n, nil
}

// ParseVersion parses an exact version (4.24.7, v4.24.7, 4.24.9-beta.1).
func ParseVersion(s string) (Version, error) {
	v, n, err := partial(s)
	if err == nil && n < 3 {
		err = fmt.Errorf("not an exact version: %q", s)
	}
	return v, err
}

// bound is one end of an interval of versions.
type bound struct {
	v    Version
	incl bool // the end itself is in
	inf  bool // no end (an upper bound only)
}

// interval is the versions between lo and hi.
type interval struct{ lo, hi bound }

func (iv interval) within(o interval) bool {
	lo := iv.lo.v.Compare(o.lo.v)
	if lo < 0 || lo == 0 && iv.lo.incl && !o.lo.incl {
		return false
	}
	if o.hi.inf {
		return true
	}
	if iv.hi.inf {
		return false
	}
	hi := iv.hi.v.Compare(o.hi.v)
	return hi < 0 || hi == 0 && (!iv.hi.incl || o.hi.incl)
}

func (iv interval) empty() bool {
	if iv.hi.inf {
		return false
	}
	c := iv.lo.v.Compare(iv.hi.v)
	return c > 0 || c == 0 && !(iv.lo.incl && iv.hi.incl)
}

// Range is a set of versions written as npm writes ranges: comparators
// (>=4.19.0 <5), caret and tilde ranges (^4.19.0, ~4.24.9), x-ranges (4,
// 4.x, *), hyphen ranges (4.19.0 - 4.24.0) and alternatives joined by ||.
// Tags (latest, next), URLs and workspace: or npm: aliases are not ranges.
type Range struct {
	text string
	set  []interval
}

func (r Range) String() string { return r.text }

// ParseRange parses an npm version range.
func ParseRange(s string) (Range, error) {
	r := Range{text: strings.TrimSpace(s)}
	for _, alt := range strings.Split(s, "||") {
		iv, err := parseSet(alt)
		if err != nil {
			return Range{}, err
		}
		if !iv.empty() {
			r.set = append(r.set, iv)
		}
	}
	return r, nil
}

// Exact is the range holding only v.
func Exact(v Version) Range {
	return Range{text: v.String(), set: []interval{{bound{v: v, incl: true}, bound{v: v, incl: true}}}}
}

// Within reports whether every version of r is in o. An empty r is
// within nothing (it says nothing of what is installed).
func (r Range) Within(o Range) bool {
	if len(r.set) == 0 {
		return false
	}
	for _, iv := range r.set {
		in := false
		for _, ov := range o.set {
			in = in || iv.within(ov)
		}
		if !in {
			return false
		}
	}
	return true
}

// Min is the lowest version of r.
func (r Range) Min() Version {
	var m Version
	for i, iv := range r.set {
		if i == 0 || iv.lo.v.Compare(m) < 0 {
			m = iv.lo.v
		}
	}
	return m
}

// Contains reports whether v is in r.
func (r Range) Contains(v Version) bool { return Exact(v).Within(r) }

// parseSet parses comparators joined by spaces (all must hold).
func parseSet(s string) (interval, error) {
	all := interval{lo: bound{incl: true}, hi: bound{inf: true}}
	fields := strings.Fields(s)
	if len(fields) == 3 && fields[1] == "-" { // 4.19.0 - 4.24.0
		lo, err := comparator(">=" + fields[0])
		if err != nil {
			return all, err
		}
		hi, err := comparator("<=" + fields[2])
		if err != nil {
			return all, err
		}
		return intersect(lo, hi), nil
	}
	// ">= 4.19" is one comparator written with a space
	var toks []string
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		if strings.Trim(f, "<>=~^") == "" && i+1 < len(fields) {
			f += fields[i+1]
			i++
		}
		toks = append(toks, f)
	}
	for _, t := range toks {
		iv, err := comparator(t)
		if err != nil {
			return all, err
		}
		all = intersect(all, iv)
	}
	return all, nil
}

func intersect(a, b interval) interval {
	out := a
	if c := b.lo.v.Compare(a.lo.v); c > 0 || c == 0 && !b.lo.incl {
		out.lo = b.lo
	}
	if !b.hi.inf {
		if a.hi.inf {
			out.hi = b.hi
		} else if c := b.hi.v.Compare(a.hi.v); c < 0 || c == 0 && !b.hi.incl {
			out.hi = b.hi
		}
	}
	return out
}

// comparator parses one comparator into the interval it allows.
//
//	^4.19.2 => >=4.19.2 <5.0.0     ^0.4.1 => >=0.4.1 <0.5.0
//	~4.24.9 => >=4.24.9 <4.25.0    4.x    => >=4.0.0 <5.0.0
//	>4.19   => >=4.20.0            <=4.19 => <4.20.0
func comparator(t string) (interval, error) {
	all := interval{lo: bound{incl: true}, hi: bound{inf: true}}
	op := ""
	for _, p := range []string{">=", "<=", ">", "<", "^", "~", "="} {
		if strings.HasPrefix(t, p) {
			op, t = p, t[len(p):]
			break
		}
	}
	if t == "" || t == "*" || t == "x" || t == "X" {
		if op == "" || op == "=" || op == ">=" {
			return all, nil
		}
		return all, fmt.Errorf("not a range: %q", op+t)
	}
	v, n, err := partial(t)
	if err != nil {
		return all, err
	}
	// next is the first version past the given parts (4.19 => 4.20.0).
	next := func(k int) Version {
		switch k {
		case 0:
			return Version{}
		case 1:
			return Version{Major: v.Major + 1}
		case 2:
			return Version{Major: v.Major, Minor: v.Minor + 1}
		}
		return Version{Major: v.Major, Minor: v.Minor, Patch: v.Patch + 1}
	}
	lo := bound{v: v, incl: true}
	// below is the exclusive upper bound w: a prerelease of w is not
	// below it (<5 does not hold 5.0.0-beta.1, as npm has it).
	below := func(w Version) bound {
		if w.Pre == "" {
			w.Pre = "0"
		}
		return bound{v: w}
	}
	upTo := func(w Version) interval { return interval{lo, below(w)} }
	switch op {
	case "", "=":
		if n == 0 {
			return all, nil
		}
		if n == 3 {
			return interval{lo, lo}, nil
		}
		return upTo(next(n)), nil
	case ">=":
		return interval{lo, bound{inf: true}}, nil
	case ">":
		if n == 3 {
			return interval{bound{v: v}, bound{inf: true}}, nil
		}
		return interval{bound{v: next(n), incl: true}, bound{inf: true}}, nil
	case "<":
		return interval{bound{incl: true}, below(v)}, nil
	case "<=":
		if n == 3 {
			return interval{bound{incl: true}, bound{v: v, incl: true}}, nil
		}
		return interval{bound{incl: true}, below(next(n))}, nil
	case "~":
		if n == 1 {
			return upTo(next(1)), nil
		}
		return upTo(next(2)), nil
	case "^":
		switch {
		case v.Major > 0 || n == 1:
			return upTo(next(1)), nil
		case v.Minor > 0 || n == 2:
			return upTo(next(2)), nil
		}
		return upTo(next(3)), nil
	}
	return all, fmt.Errorf("not a range: %q", op+t)
}
