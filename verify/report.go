package verify

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Report is the outcome of a verify run.
type Report struct {
	Base      string        `json:"base"`      // the baseline's label
	Candidate string        `json:"candidate"` // the candidate's label
	Routes    []RouteResult `json:"routes"`
	Exchanges []Exchange    `json:"requests"`
	Summary   Summary       `json:"summary"`
	Timings   Timings       `json:"timings"`
}

// RouteResult sums up the exchanges of one route.
type RouteResult struct {
	// Route is the route's pattern; for requests of the file that no
	// migrated route serves, their path.
	Route string `json:"route"`
	// Migrated is false for such a path.
	Migrated   bool     `json:"migrated"`
	Requests   int      `json:"requests"`
	Class      Class    `json:"class"`           // the worst class of its exchanges
	Kinds      []string `json:"kinds,omitempty"` // the documented differences that made exchanges expected
	Unexpected int      `json:"unexpected"`
}

// Exchange is one request with its verdict.
type Exchange struct {
	Request Spec     `json:"request"`
	Route   string   `json:"route"`
	Class   Class    `json:"class"`
	Kinds   []string `json:"kinds,omitempty"` // Verdict.Expected
	// Base and Candidate are both answers as received, and Diff a line diff
	// (-baseline +candidate) of the normalised ones: only when unexpected.
	Base      *Response `json:"base,omitempty"`
	Candidate *Response `json:"candidate,omitempty"`
	Diff      string    `json:"diff,omitempty"`
}

// Summary counts the exchanges by class.
type Summary struct {
	Routes     int `json:"routes"` // migrated routes replayed
	Requests   int `json:"requests"`
	Identical  int `json:"identical"`
	Expected   int `json:"expected"`
	Unexpected int `json:"unexpected"`
}

// Timings are the durations of the two builds and the two replays, in
// seconds.
type Timings struct {
	BuildBase       float64 `json:"buildBase"`
	BuildCandidate  float64 `json:"buildCandidate"`
	ReplayBase      float64 `json:"replayBase"`
	ReplayCandidate float64 `json:"replayCandidate"`
}

// Compare classifies every answer of the candidate against the baseline's
// (Classify) and groups the verdicts by route: the routes first, in order,
// then the paths of requests no route serves.
func Compare(routes []Route, reqs []Spec, base, cand *Tree, baseAnswers, candAnswers []*Response) *Report {
	r := &Report{
		Base:      base.Label,
		Candidate: cand.Label,
		Timings: Timings{
			BuildBase: secs(base.BuildTime), BuildCandidate: secs(cand.BuildTime),
			ReplayBase: secs(base.ReplayTime), ReplayCandidate: secs(cand.ReplayTime),
		},
		Summary: Summary{Routes: len(routes), Requests: len(reqs)},
	}
	index := map[string]int{}
	for _, rt := range routes {
		index[rt.Pattern] = len(r.Routes)
		r.Routes = append(r.Routes, RouteResult{Route: rt.Pattern, Migrated: true, Class: Identical})
	}
	for i := range reqs {
		v := Classify(reqs[i].Request(), baseAnswers[i], candAnswers[i])
		x := Exchange{Request: reqs[i], Route: RouteOf(routes, reqs[i].Path), Class: v.Class, Kinds: v.Expected()}
		if x.Route == "" {
			x.Route, _, _ = strings.Cut(reqs[i].Path, "?")
		}
		if v.Class == Unexpected {
			x.Base, x.Candidate, x.Diff = baseAnswers[i], candAnswers[i], v.Diff()
		}
		r.Exchanges = append(r.Exchanges, x)
		switch v.Class {
		case Unexpected:
			r.Summary.Unexpected++
		case Expected:
			r.Summary.Expected++
		default:
			r.Summary.Identical++
		}
		j, ok := index[x.Route]
		if !ok {
			j = len(r.Routes)
			index[x.Route] = j
			r.Routes = append(r.Routes, RouteResult{Route: x.Route, Class: Identical})
		}
		r.Routes[j].add(x)
	}
	return r
}

// add counts x in rr: the class is the worst seen, the kinds their union.
func (rr *RouteResult) add(x Exchange) {
	rr.Requests++
	switch {
	case x.Class == Unexpected:
		rr.Unexpected++
		rr.Class = Unexpected
	case x.Class == Expected && rr.Class == Identical:
		rr.Class = Expected
	}
	for _, k := range x.Kinds {
		if !slices.Contains(rr.Kinds, k) {
			rr.Kinds = append(rr.Kinds, k)
		}
	}
	slices.SortFunc(rr.Kinds, func(a, b string) int { return kindIndex(a) - kindIndex(b) })
}

// kindIndex is the place of a kind in Differences.
func kindIndex(kind string) int {
	return slices.IndexFunc(Differences, func(d Difference) bool { return d.Kind == kind })
}

func secs(d time.Duration) float64 { return d.Round(100 * time.Millisecond).Seconds() }

// OK reports whether nothing was unexpected.
func (r *Report) OK() bool { return r.Summary.Unexpected == 0 }

// Exit codes of routemod verify.
const (
	ExitOK         = 0 // both built, every answer identical or expected
	ExitUnexpected = 1 // at least one unexpected answer
	ExitFailed     = 2 // a build or a start failed, or the run could not be made
)

// ExitCode is the exit code of routemod verify for r: ExitOK or
// ExitUnexpected (a run without a report exits ExitFailed).
func (r *Report) ExitCode() int {
	if r.OK() {
		return ExitOK
	}
	return ExitUnexpected
}

// Result is how a route's row reads: identical, expected (kinds), or
// UNEXPECTED (n of m requests).
func (rr *RouteResult) Result() string {
	switch rr.Class {
	case Unexpected:
		return fmt.Sprintf("UNEXPECTED (%d of %d requests)", rr.Unexpected, rr.Requests)
	case Expected:
		return "expected (" + strings.Join(rr.Kinds, ", ") + ")"
	}
	return "identical"
}

// WriteText prints the report for a terminal: one row per route, then every
// unexpected exchange with both answers as received and the diff of the
// normalised ones, then the summary line.
func (r *Report) WriteText(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ROUTE	REQUESTS	RESULT")
	for _, rr := range r.Routes {
		name := rr.Route
		if !rr.Migrated {
			name += " (not migrated)"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\n", name, rr.Requests, rr.Result())
	}
	tw.Flush()
	for _, x := range r.Exchanges {
		if x.Class != Unexpected {
			continue
		}
		fmt.Fprintf(w, "\nUNEXPECTED %s: %s\n", x.Route, x.Request.Label())
		if x.Request.Label() != x.Request.Method+" "+x.Request.Path {
			fmt.Fprintf(w, "  request: %s %s\n", x.Request.Method, x.Request.Path)
		}
		fmt.Fprintf(w, "  %s, as received:\n%s\n", r.Base, indent(Render(x.Base)))
		fmt.Fprintf(w, "  %s, as received:\n%s\n", r.Candidate, indent(Render(x.Candidate)))
		fmt.Fprintf(w, "  diff of the normalised answers (-baseline +candidate):\n%s\n", indent(x.Diff))
	}
	fmt.Fprintf(w, "\n%s\n", r.SummaryLine())
}

// SummaryLine is the one-line outcome.
func (r *Report) SummaryLine() string {
	s := r.Summary
	verdict := "OK"
	if s.Unexpected > 0 {
		verdict = "FAILED"
	}
	return fmt.Sprintf("verify %s: %d routes, %d requests: %d identical, %d expected, %d unexpected (%s vs %s)",
		verdict, s.Routes, s.Requests, s.Identical, s.Expected, s.Unexpected, r.Base, r.Candidate)
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}
