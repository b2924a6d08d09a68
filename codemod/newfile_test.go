package codemod

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteNew(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name     string
		existing string // "" : no file there
		want     error
	}{
		{"new", "", nil},
		{"same text already there (an interrupted run)", "export const a = 1;\n", nil},
		{"other text in the way", "export const b = 2;\n", ErrTargetExists},
	} {
		target := filepath.Join(dir, c.name, "deeper", "auth-options.ts")
		if c.existing != "" {
			os.MkdirAll(filepath.Dir(target), 0o755)
			os.WriteFile(target, []byte(c.existing), 0o644)
		}
		err := WriteNew(target, []byte("export const a = 1;\n"))
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
		got, _ := os.ReadFile(target)
		want := "export const a = 1;\n"
		if c.existing != "" {
			want = c.existing
		}
		if string(got) != want {
			t.Errorf("%s: file holds %q, want %q", c.name, got, want)
		}
		left, _ := filepath.Glob(filepath.Join(filepath.Dir(target), ".routemod-*"))
		if len(left) > 0 {
			t.Errorf("%s: temp files left: %v", c.name, left)
		}
	}
}
