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

// Result is the report entry of one file.
type Result struct {
	Root       string   `json:"root,omitempty"` // project root as given on the command line
	Path       string   `json:"path"`           // slash path relative to Root
	NewPath    string   `json:"newPath,omitempty"`
	Status     Status   `json:"status"`
	Reasons    []string `json:"reasons,omitempty"`
	Notes      []string `json:"notes,omitempty"`
	TODOs      []TODO   `json:"todos,omitempty"`
	Transforms []string `json:"transforms,omitempty"`
	Line       int      `json:"line,omitempty"`
	Column     int      `json:"column,omitempty"`
	Diff       string   `json:"diff,omitempty"`

	orig, out []byte // texts, released once the result is emitted
	diff      []byte // the unified diff, when the run shows diffs
}

// Output returns the migrated text (nil unless the file changes), until
// the result is emitted.
func (r *Result) Output() []byte { return r.out }

// Changed reports whether the result would change files on disk.
func (r *Result) Changed() bool {
	return r.Status == StatusMigrated || r.Status == StatusNeedsReview
}

// Summary counts results per status.
type Summary map[Status]int

// String renders the summary line that closes every run.
func (s Summary) String() string {
	parts := make([]string, 0, len(Statuses))
	total := 0
	for _, st := range Statuses {
		total += s[st]
		parts = append(parts, fmt.Sprintf("%d %s", s[st], st))
	}
	return fmt.Sprintf("routemod: %d files: %s", total, strings.Join(parts, ", "))
}

// MarshalJSON writes every status, zero counts included.
func (s Summary) MarshalJSON() ([]byte, error) {
	var sb strings.Builder
	sb.WriteString("{")
	for i, st := range Statuses {
		if i > 0 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, "%q:%d", st, s[st])
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

func (j *jsonReport) end(s Summary) {
	b, _ := s.MarshalJSON()
	fmt.Fprintf(j.w, "\n],\n\"summary\": %s}\n", b)
}
