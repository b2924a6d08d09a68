package codemod_test

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/transforms"
)

// TestCheckTreeIsFresh runs every fixture project (fixtures/*/input) with
// the real transforms and checks that the tree the last check reads (parsed
// incrementally from the input's tree, see ReparseShared) is the tree a
// fresh parse of the same output gives: the C tree (kinds, fields, byte
// ranges, row/column points) and the Go tree Check walks.
func TestCheckTreeIsFresh(t *testing.T) {
	dirs, err := filepath.Glob("../fixtures/*/input")
	if err != nil || len(dirs) < 50 {
		t.Fatalf("fixture inputs: %v (%d)", err, len(dirs))
	}
	m, err := transforms.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	var dir string
	codemod.SetCheckTreeHook(t, func(p *codemod.Parser, out []byte, tsx bool, root *codemod.Node) {
		checked++
		want, wantRoot := codemod.FreshTree(t, out, tsx)
		if d := codemod.TreeDiff(codemod.KeptTree(p, tsx), want); d != "" {
			t.Errorf("%s: the last check's tree differs from a fresh parse: %s\n%s", dir, d, out)
		}
		if d := codemod.NodeDiff(root, wantRoot); d != "" {
			t.Errorf("%s: the last check's Go tree differs from a fresh parse: %s", dir, d)
		}
	})
	for _, dir = range dirs {
		next := 0
		if b, err := os.ReadFile(filepath.Join(filepath.Dir(dir), "args.txt")); err == nil {
			for _, l := range strings.Fields(string(b)) {
				if v, ok := strings.CutPrefix(l, "--next-version="); ok {
					next, _ = strconv.Atoi(v)
				}
			}
		}
		codemod.Run(codemod.Options{Paths: []string{dir}, Jobs: 1, NextMajor: next, Migrator: m,
			Stdout: io.Discard, Stderr: io.Discard})
	}
	if checked < 400 { // 437 when written
		t.Errorf("the last check read %d outputs; the fixtures have more routes than that", checked)
	}
	t.Logf("%d outputs checked against a fresh parse", checked)
}
