package codemod

import (
	"errors"
	"testing"
)

func TestApplyEdits(t *testing.T) {
	src := []byte("abcdef")
	tests := []struct {
		name  string
		edits []Edit
		want  string
		err   bool
	}{
		{"none", nil, "abcdef", false},
		{"replace", []Edit{{1, 3, "X", "t"}}, "aXdef", false},
		{"insert", []Edit{{0, 0, ">", "t"}}, ">abcdef", false},
		{"delete", []Edit{{2, 4, "", "t"}}, "abef", false},
		{"unordered", []Edit{{4, 5, "E", "t"}, {0, 1, "A", "t"}}, "AbcdEf", false},
		{"identical merge", []Edit{{1, 2, "B", "a"}, {1, 2, "B", "b"}}, "aBcdef", false},
		{"two inserts keep order", []Edit{{3, 3, "1", "a"}, {3, 3, "2", "b"}}, "abc12def", false},
		{"insert before replace at same offset", []Edit{{2, 4, "X", "a"}, {2, 2, "<", "b"}}, "ab<Xef", false},
		{"adjacent", []Edit{{0, 2, "X", "a"}, {2, 4, "Y", "b"}}, "XYef", false},
		{"overlap", []Edit{{0, 3, "X", "a"}, {2, 4, "Y", "b"}}, "", true},
		{"same range different text", []Edit{{1, 3, "X", "a"}, {1, 3, "Y", "b"}}, "", true},
		{"nested", []Edit{{0, 5, "X", "a"}, {1, 2, "Y", "b"}}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ApplyEdits(src, tt.edits)
			if tt.err {
				var ce *ConflictError
				if !errors.As(err, &ce) {
					t.Fatalf("want a ConflictError, got %v (%q)", err, got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCopyRange(t *testing.T) {
	src := []byte("    a();\n    `x\n    y`;\n      b();\n")
	tests := []struct {
		name  string
		ri    Reindent
		edits []Edit
		want  string
	}{
		{"strip two", Reindent{Strip: 2}, nil, "  a();\n  `x\n  y`;\n    b();\n"},
		{"add", Reindent{Add: "\t"}, nil, "\t    a();\n\t    `x\n\t    y`;\n\t      b();\n"},
		{"keep template line", Reindent{Strip: 2, Keep: func(off int) bool { return off == 16 }}, nil, "  a();\n  `x\n    y`;\n    b();\n"},
		{"edit inside", Reindent{Strip: 4}, []Edit{{4, 7, "z()", "t"}}, "z();\n`x\ny`;\n  b();\n"},
		{"inserted line re-indented", Reindent{Strip: 4}, []Edit{{0, 0, "    // c\n", "t"}}, "// c\na();\n`x\ny`;\n  b();\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CopyRange(src, 0, len(src), tt.edits, tt.ri)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if _, err := CopyRange(src, 2, 6, []Edit{{0, 4, "", "t"}}, Reindent{}); err == nil {
		t.Error("an edit straddling the range must be a conflict")
	}
}
