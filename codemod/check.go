package codemod

// lastCheck runs the Migrator's last look (File.Check) on the migrated
// text out, f.Src with the sorted edits applied: it parses out, hands it to
// Check as a File of its own, and applies the markers Check adds. Only the
// top-level statements the edits touched are parsed, alone (checkTree);
// where that could read differently from the whole, the parse is of all of
// out, incremental from f.Src's tree (ReparseShared). An output that does
// not parse is left to the output gate. changed reports whether Check added
// anything.
func lastCheck(p *Parser, f *File, tsx bool, edits []Edit, out []byte) (checked []byte, changed bool, err error) {
	if f.Check == nil {
		return out, false, nil
	}
	// f.Root dies here: the transforms are done with it. Let go of it, so
	// that a large file's input tree is not kept beside its output's.
	in := f.Root
	f.Root = nil
	root, ok := p.checkTree(f.Src, in, edits, out, tsx)
	if ok {
		p.Release() // the input's C tree: no reparse will use it
	} else {
		var perr error
		if root, perr = p.ReparseShared(f.Src, edits, out, tsx); perr != nil {
			return out, false, nil
		}
	}
	if checkTreeHook != nil {
		checkTreeHook(p, out, tsx, root)
	}
	path := f.NewPath
	if path == "" {
		path = f.Path
	}
	of := &File{Path: path, Src: out, Root: root, TypeScript: f.TypeScript, Style: f.Style,
		Segments: f.Segments, NextMajor: f.NextMajor, Project: f.Project, current: "check"}
	f.current = "check"
	f.Check(of)
	if len(of.edits) == 0 {
		return out, false, nil
	}
	sorted, err := SortEdits(of.edits)
	if err != nil {
		return nil, false, err
	}
	checked, err = ApplyEdits(out, sorted)
	return checked, err == nil, err
}

// checkTreeHook, when set (by tests), sees the tree of every output the
// last check reads, while the parser still keeps its C tree.
var checkTreeHook func(p *Parser, out []byte, tsx bool, root *Node)
