package codemod

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Status is the one outcome every file ends in.
type Status string

// The statuses, in the order the summary lists them.
const (
	StatusMigrated    Status = "migrated"     // translated with the same meaning
	StatusNeedsReview Status = "needs-review" // migrated, with TODO(routemod) markers
	StatusUnchanged   Status = "unchanged"    // nothing to do
	StatusSkipped     Status = "skipped"      // left where it is, untouched (see Reasons)
	StatusError       Status = "error"        // could not be processed (see Reasons, Line, Column)
)

// Statuses lists every status in summary order.
var Statuses = []Status{StatusMigrated, StatusNeedsReview, StatusUnchanged, StatusSkipped, StatusError}

// Kind tells what a changed file is to the migration: the summary counts
// each kind apart, so only routes are counted as migrated routes.
type Kind string

// The kinds of file a run reports.
const (
	KindRoute    Kind = "route"    // a pages/api route file
	KindImporter Kind = "importer" // a project file whose import of a moved route is re-pointed
	KindTsconfig Kind = "tsconfig" // tsconfig.json, given "strictNullChecks": false
	KindHelper   Kind = "helper"   // a project module whose helpers change with the routes that call them
	KindWrapper  Kind = "wrapper"  // a project module whose handler wrappers change with the routes they wrap
)

// Result is the report entry of one file.
type Result struct {
	Root       string   `json:"root,omitempty"` // project root as given on the command line
	Path       string   `json:"path"`           // slash path relative to Root
	NewPath    string   `json:"newPath,omitempty"`
	Kind       Kind     `json:"kind"`
	Status     Status   `json:"status"`
	Kept       bool     `json:"kept,omitempty"` // needs-review, left as it is: --write does not write it without IncludeTODO
	Reasons    []string `json:"reasons,omitempty"`
	Notes      []string `json:"notes,omitempty"`
	TODOs      []TODO   `json:"todos,omitempty"`
	Transforms []string `json:"transforms,omitempty"`
	Line       int      `json:"line,omitempty"`
	Column     int      `json:"column,omitempty"`
	Diff       string   `json:"diff,omitempty"`

	orig, out []byte    // texts, released once the result is emitted
	diff      []byte    // the unified diff, when the run shows diffs
	finish    bool      // the target already holds out: only the source goes
	modules   []*Result // files the route's migration creates (KindModule), written before it
	needs     []string  // routes that must move for this one to move (File.Needs)
	// settles is set when the route waits for Migrator.Settle (File.DependOnSettle).
	settles bool
	// prechecked is set once its existing target and modules are decided
	// (before Settle, for a route that waits for it).
	prechecked bool
	// grouped is set when its write is done (or refused) by the group of
	// writes it belongs to (writeGroup), not by the emitter.
	grouped bool
}

// Output returns the migrated text (nil unless the file changes), until
// the result is emitted.
func (r *Result) Output() []byte { return r.out }

// Changed reports whether the file has a migration: a change --write
// makes, or one it keeps back (Kept).
func (r *Result) Changed() bool {
	return r.Status == StatusMigrated || r.Status == StatusNeedsReview
}

// Writes reports whether --write changes the file on disk.
func (r *Result) Writes() bool { return r.Changed() && !r.Kept }

// label says what was done to a file that is not a route, in the line
// --write prints for it:
//
//	lib/types.ts (importer re-pointed)
//	tsconfig.json ("strictNullChecks": false added)
func (r *Result) label() string {
	l := string(r.Status)
	switch r.Kind {
	case KindImporter:
		l = "importer re-pointed"
	case KindTsconfig:
		l = `"strictNullChecks": false added`
	case KindModule:
		l = "module created"
	case KindHelper, KindWrapper:
		return r.helperLabel()
	default:
		return l
	}
	if r.Status != StatusMigrated {
		l += ", " + string(r.Status)
	}
	return l
}

// KeptReason is the reason a needs-review route that stays gives.
const KeptReason = "stays in pages/api as it is, so the project keeps building; --include-todo writes it with its TODOs"

// keep leaves a needs-review route where it is, unless the run includes
// files with TODOs: --write then does not touch it, and its diff is a
// preview of the work left.
func keep(r *Result, includeTODO bool) {
	if includeTODO || r.Status != StatusNeedsReview || r.Kind != KindRoute {
		return
	}
	r.Kept = true
	r.Reasons = append(r.Reasons, KeptReason)
}

// Summary counts the files of a run: routes per status, the needs-review
// routes kept in place, and the other files changed, per kind.
type Summary struct {
	Routes      map[Status]int
	Kept        int
	Other       map[Kind]int // changed files that are not routes
	OtherErrors int          // files that are not routes and failed
}

// NewSummary returns an empty summary.
func NewSummary() *Summary {
	return &Summary{Routes: map[Status]int{}, Other: map[Kind]int{}}
}

// add counts one result.
func (s *Summary) add(r *Result) {
	switch {
	case r.Kind == KindRoute || r.Kind == "":
		s.Routes[r.Status]++
		if r.Kept {
			s.Kept++
		}
	case r.Status == StatusError:
		s.OtherErrors++
	case r.Changed():
		s.Other[r.Kind]++
	}
}

// Errors counts the files that failed, of any kind.
func (s *Summary) Errors() int { return s.Routes[StatusError] + s.OtherErrors }

// otherKinds lists the non-route kinds in summary order.
var otherKinds = []Kind{KindHelper, KindWrapper, KindImporter, KindTsconfig, KindModule}

// String renders the summary line that closes every run:
//
//	routemod: 4 routes: 2 migrated, 1 needs-review, 1 unchanged, 0 skipped, 0 error; also 1 importer, tsconfig.json
func (s *Summary) String() string {
	parts := make([]string, 0, len(Statuses))
	total := 0
	for _, st := range Statuses {
		total += s.Routes[st]
		parts = append(parts, fmt.Sprintf("%d %s", s.Routes[st], st))
	}
	line := fmt.Sprintf("routemod: %d %s: %s", total, plural(total, "route", "routes"), strings.Join(parts, ", "))
	var other []string
	for _, k := range otherKinds {
		switch n := s.Other[k]; {
		case n == 0:
		case k == KindTsconfig:
			other = append(other, "tsconfig.json")
		default:
			other = append(other, fmt.Sprintf("%d %s", n, plural(n, string(k), string(k)+"s")))
		}
	}
	if len(other) > 0 {
		line += "; also " + strings.Join(other, ", ")
	}
	if s.OtherErrors > 0 {
		line += fmt.Sprintf("; %d other %s failed", s.OtherErrors, plural(s.OtherErrors, "file", "files"))
	}
	return line
}

// KeptLine is the line that follows the summary when needs-review routes
// stay in pages/api; "" when none does.
func (s *Summary) KeptLine(o Options) string {
	if s.Kept == 0 {
		return ""
	}
	n := fmt.Sprintf("%d needs-review %s", s.Kept, plural(s.Kept, "route", "routes"))
	switch {
	case o.Write:
		return fmt.Sprintf("routemod: %s left in pages/api as %s, so the project keeps building; --write --include-todo writes %s with %s TODOs", n, plural(s.Kept, "it was", "they were"), plural(s.Kept, "it", "them"), plural(s.Kept, "its", "their"))
	case showDiff(o) && !o.JSON:
		return fmt.Sprintf("routemod: %s shown on stderr but not in the patch: --write leaves %s in pages/api (--include-todo writes %s with %s TODOs)", n, plural(s.Kept, "it", "them"), plural(s.Kept, "it", "them"), plural(s.Kept, "its", "their"))
	}
	return fmt.Sprintf("routemod: %s not written by --write: %s stay%s in pages/api (--include-todo writes %s with %s TODOs)", n, plural(s.Kept, "it", "they"), plural(s.Kept, "s", ""), plural(s.Kept, "it", "them"), plural(s.Kept, "its", "their"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// MarshalJSON writes every status (routes only, zero counts included;
// "error" counts every file that failed, whatever its kind), then "kept"
// and the count of each other kind of changed file (helper, wrapper and
// module only when a run has some):
//
//	{"migrated":2,"needs-review":1,"unchanged":0,"skipped":0,"error":0,"kept":1,"importer":1,"tsconfig":1}
func (s *Summary) MarshalJSON() ([]byte, error) {
	var sb strings.Builder
	sb.WriteString("{")
	for _, st := range Statuses {
		n := s.Routes[st]
		if st == StatusError {
			n = s.Errors()
		}
		fmt.Fprintf(&sb, "%q:%d,", st, n)
	}
	fmt.Fprintf(&sb, "%q:%d", "kept", s.Kept)
	for _, k := range otherKinds {
		if s.Other[k] == 0 && (k == KindHelper || k == KindWrapper || k == KindModule) {
			continue // only in the reports of runs that have them
		}
		fmt.Fprintf(&sb, ",%q:%d", k, s.Other[k])
	}
	sb.WriteString("}")
	return []byte(sb.String()), nil
}

// jsonReport streams {"files":[...],"summary":{...}} one result at a time.
type jsonReport struct {
	w     io.Writer
	count int
}

func (j *jsonReport) begin() { io.WriteString(j.w, "{\"files\": [") }

func (j *jsonReport) add(r *Result) error {
	b, err := json.MarshalIndent(r, "  ", "  ")
	if err != nil {
		return err
	}
	sep := "\n  "
	if j.count > 0 {
		sep = ",\n  "
	}
	j.count++
	_, err = io.WriteString(j.w, sep+string(b))
	return err
}

func (j *jsonReport) end(s *Summary) {
	b, _ := s.MarshalJSON()
	fmt.Fprintf(j.w, "\n],\n\"summary\": %s}\n", b)
}
