package libraries

import "testing"

func TestRangeContains(t *testing.T) {
	for _, tc := range []struct {
		rng, v string
		want   bool
	}{
		{">=4.19.0 <5", "4.19.0", true},
		{">=4.19.0 <5", "4.24.7", true},
		{">=4.19.0 <5", "4.18.10", false},
		{">=4.19.0 <5", "5.0.0", false},
		{">=4.19.0 <5", "5.0.0-beta.25", false}, // <5 holds no 5.0.0 prerelease
		{">=4.24.9 <5", "4.24.9-beta.1", false},
		{"^4.19.2", "4.99.0", true},
		{"^4.19.2", "4.19.1", false},
		{"^0.4.1", "0.4.9", true},
		{"^0.4.1", "0.5.0", false},
		{"^0.0.3", "0.0.4", false},
		{"~4.24.9", "4.24.12", true},
		{"~4.24.9", "4.25.0", false},
		{"~4", "4.9.9", true},
		{"4.x", "4.0.0", true},
		{"4.x", "5.0.0", false},
		{"4", "4.24.7", true},
		{"4.24", "4.25.0", false},
		{"*", "1.2.3", true},
		{"", "1.2.3", true},
		{">4.19", "4.19.9", false},
		{">4.19", "4.20.0", true},
		{">4.19.0", "4.19.0", false},
		{"<=4.19", "4.19.9", true},
		{"<=4.19", "4.20.0", false},
		{"<=4.19.0", "4.19.0", true},
		{">= 4.19.0 < 5", "4.20.0", true},
		{"4.19.0 - 4.24.0", "4.24.0", true},
		{"4.19.0 - 4.24.0", "4.24.1", false},
		{"^3 || ^4.19", "3.1.0", true},
		{"^3 || ^4.19", "4.18.0", false},
		{"=v4.24.7", "4.24.7", true},
		{"4.24.7", "4.24.8", false},
	} {
		r, err := ParseRange(tc.rng)
		if err != nil {
			t.Errorf("ParseRange(%q): %v", tc.rng, err)
			continue
		}
		v, err := ParseVersion(tc.v)
		if err != nil {
			t.Errorf("ParseVersion(%q): %v", tc.v, err)
			continue
		}
		if got := r.Contains(v); got != tc.want {
			t.Errorf("%q contains %s = %v, want %v", tc.rng, tc.v, got, tc.want)
		}
	}
}

func TestRangeWithin(t *testing.T) {
	for _, tc := range []struct {
		r, o string
		want bool
	}{
		{"^4.19.0", ">=4.19.0 <5", true},
		{"^4.24.9", ">=4.19.0 <5", true},
		{"^4.10.0", ">=4.19.0 <5", false}, // may install 4.10
		{"~4.22.1", ">=4.19.0 <5", true},
		{">=4.19.0", ">=4.19.0 <5", false}, // may install 5
		{"*", ">=4.19.0 <5", false},
		{"4.22.1 || 4.24.7", ">=4.19.0 <5", true},
		{"4.22.1 || 4.24.7", ">=4.24.9 <5", false},
		{"<4", ">=4.19.0 <5", false},
	} {
		r, err := ParseRange(tc.r)
		if err != nil {
			t.Fatal(err)
		}
		o, err := ParseRange(tc.o)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Within(o); got != tc.want {
			t.Errorf("%q within %q = %v, want %v", tc.r, tc.o, got, tc.want)
		}
	}
}

func TestParseRangeErrors(t *testing.T) {
	for _, s := range []string{"latest", "next", "workspace:*", "npm:next-auth@4", "github:nextauthjs/next-auth", "4.x.1-beta", "^", ">=a"} {
		if _, err := ParseRange(s); err == nil {
			t.Errorf("ParseRange(%q) = nil error", s)
		}
	}
}

func TestMin(t *testing.T) {
	for rng, want := range map[string]string{">=4.24.9 <5": "4.24.9", "^3 || ^4.19": "3.0.0", "~4.22": "4.22.0"} {
		r, err := ParseRange(rng)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Min().String(); got != want {
			t.Errorf("%q Min = %s, want %s", rng, got, want)
		}
	}
}
