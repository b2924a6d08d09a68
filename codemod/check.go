package codemod

// lastCheck runs the Migrator's last look (File.Check) on the migrated
// text out: it parses out, hands it to Check as a File of its own, and
// applies the markers Check adds. An output that does not parse is left to
// the output gate. changed reports whether Check added anything.
func lastCheck(p *Parser, f *File, tsx bool, out []byte) (checked []byte, changed bool, err error) {
	if f.Check == nil {
		return out, false, nil
	}
	// f.Root dies here: the transforms are done with it. Let go of it, so
	// that a large file's input tree is not kept beside its output's.
	f.Root = nil
	root, perr := p.ParseShared(out, tsx)
	if perr != nil {
		return out, false, nil
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
