package transforms

import (
	"slices"
	"sort"
	"strings"

	"github.com/routemod/routemod/codemod"
)

// mergeModuleChanges makes one change of the changes that name the same
// module: a module that holds both helpers the routes call and a wrapper
// they are wrapped in gets its helpers rewritten, then its wrappers
// written on the result, in one change (chainEdits):
//
//	lib/api.ts: helper change (sendError) + wrapper change (withKey) => one change: sendError, withKey
func mergeModuleChanges(changes []*codemod.ProjectChange) []*codemod.ProjectChange {
	var out []*codemod.ProjectChange
	at := map[string]int{}
	for _, c := range changes {
		i, ok := at[c.Path]
		if !ok {
			at[c.Path] = len(out)
			out = append(out, c)
			continue
		}
		first := out[i]
		routes := slices.Concat(first.Routes, c.Routes)
		sort.Strings(routes)
		steps := []func(*codemod.File){first.Edit, c.Edit}
		out[i] = &codemod.ProjectChange{Path: c.Path, Kind: first.Kind, Src: first.Src,
			Names: slices.Concat(first.Names, c.Names), Routes: slices.Compact(routes),
			Edit: func(f *codemod.File) { chainEdits(f, steps) }}
	}
	return out
}

// chainEdits runs steps on f one after the other, each on the text the
// one before it wrote (parsed again, its last check applied), and leaves
// on f one edit that writes the final text, and the last step's check.
// Each step rewrites its own functions of the module and the imports they
// need; chained, neither sees the other's edits as a conflict.
func chainEdits(f *codemod.File, steps []func(*codemod.File)) {
	p := codemod.NewParser()
	defer p.Close()
	tsx := !strings.HasSuffix(f.Path, ".ts") && !strings.HasSuffix(f.Path, ".mts") && !strings.HasSuffix(f.Path, ".cts")
	src, cur := f.Src, f
	for i, step := range steps {
		if i > 0 {
			root, err := p.Parse(src, tsx)
			if err != nil {
				panic("what routemod wrote for " + f.Path + " does not parse")
			}
			cur = &codemod.File{Path: f.Path, Src: src, Root: root, TypeScript: f.TypeScript, Style: f.Style, NextMajor: f.NextMajor, Project: f.Project}
		}
		step(cur)
		out := applied(src, cur.Edits())
		if i < len(steps)-1 && cur.Check != nil {
			root, err := p.Parse(out, tsx)
			if err != nil {
				panic("what routemod wrote for " + f.Path + " does not parse")
			}
			checked := &codemod.File{Path: f.Path, Src: out, Root: root, TypeScript: f.TypeScript, Style: f.Style, NextMajor: f.NextMajor, Project: f.Project}
			cur.Check(checked)
			out = applied(out, checked.Edits())
		}
		if cur != f {
			for _, n := range cur.Notes() {
				f.Note("%s", n)
			}
		}
		src = out
		f.Check = cur.Check
	}
	f.SetEdits([]codemod.Edit{{Start: 0, End: len(f.Src), New: string(src), By: "helper+wrapper"}})
}

// applied is src with edits applied; a conflict panics (the driver
// reports the change failed).
func applied(src []byte, edits []codemod.Edit) []byte {
	sorted, err := codemod.SortEdits(edits)
	if err != nil {
		panic(err)
	}
	out, err := codemod.ApplyEdits(src, sorted)
	if err != nil {
		panic(err)
	}
	return out
}
