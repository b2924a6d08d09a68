package codemod

import "testing"

func TestSummary(t *testing.T) {
	tests := []struct {
		name    string
		results []*Result
		line    string
		json    string
	}{
		{
			name:    "routes only",
			results: []*Result{{Kind: KindRoute, Status: StatusMigrated}, {Kind: KindRoute, Status: StatusUnchanged}},
			line:    "routemod: 2 routes: 1 migrated, 0 needs-review, 1 unchanged, 0 skipped, 0 error",
			json:    `{"migrated":1,"needs-review":0,"unchanged":1,"skipped":0,"error":0,"kept":0,"importer":0,"tsconfig":0}`,
		},
		{
			name: "importers and tsconfig are not routes",
			results: []*Result{
				{Kind: KindRoute, Status: StatusMigrated},
				{Kind: KindRoute, Status: StatusNeedsReview, Kept: true},
				{Kind: KindImporter, Status: StatusMigrated},
				{Kind: KindImporter, Status: StatusNeedsReview},
				{Kind: KindTsconfig, Status: StatusMigrated},
			},
			line: "routemod: 2 routes: 1 migrated, 1 needs-review, 0 unchanged, 0 skipped, 0 error; also 2 importers, tsconfig.json",
			json: `{"migrated":1,"needs-review":1,"unchanged":0,"skipped":0,"error":0,"kept":1,"importer":2,"tsconfig":1}`,
		},
		{
			name:    "a failed importer is an error, not a route",
			results: []*Result{{Kind: KindRoute, Status: StatusMigrated}, {Kind: KindImporter, Status: StatusError}},
			line:    "routemod: 1 route: 1 migrated, 0 needs-review, 0 unchanged, 0 skipped, 0 error; 1 other file failed",
			json:    `{"migrated":1,"needs-review":0,"unchanged":0,"skipped":0,"error":1,"kept":0,"importer":0,"tsconfig":0}`,
		},
	}
	for _, tt := range tests {
		s := NewSummary()
		for _, r := range tt.results {
			s.add(r)
		}
		if got := s.String(); got != tt.line {
			t.Errorf("%s: line\n got %s\nwant %s", tt.name, got, tt.line)
		}
		if b, _ := s.MarshalJSON(); string(b) != tt.json {
			t.Errorf("%s: json\n got %s\nwant %s", tt.name, b, tt.json)
		}
	}
}

func TestKeep(t *testing.T) {
	tests := []struct {
		r           Result
		includeTODO bool
		kept        bool
	}{
		{Result{Kind: KindRoute, Status: StatusNeedsReview}, false, true},
		{Result{Kind: KindRoute, Status: StatusNeedsReview}, true, false},
		{Result{Kind: KindRoute, Status: StatusMigrated}, false, false},
		{Result{Kind: KindImporter, Status: StatusNeedsReview}, false, false},
	}
	for _, tt := range tests {
		r := tt.r
		keep(&r, tt.includeTODO)
		if r.Kept != tt.kept {
			t.Errorf("keep(%s %s, %v): kept %v, want %v", r.Kind, r.Status, tt.includeTODO, r.Kept, tt.kept)
		}
		if r.Kept && r.Writes() {
			t.Errorf("a kept %s %s writes", r.Kind, r.Status)
		}
	}
}

func TestLabel(t *testing.T) {
	tests := []struct {
		r    Result
		want string
	}{
		{Result{Kind: KindRoute, Status: StatusMigrated}, "migrated"},
		{Result{Kind: KindImporter, Status: StatusMigrated}, "importer re-pointed"},
		{Result{Kind: KindImporter, Status: StatusNeedsReview}, "importer re-pointed, needs-review"},
		{Result{Kind: KindTsconfig, Status: StatusMigrated}, `"strictNullChecks": false added`},
	}
	for _, tt := range tests {
		if got := tt.r.label(); got != tt.want {
			t.Errorf("label(%s %s) = %q, want %q", tt.r.Kind, tt.r.Status, got, tt.want)
		}
	}
}
