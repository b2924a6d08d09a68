package codemod

import (
	"slices"
	"strings"
	"unsafe"
)

// checkTree returns the tree of out, the text src with the sorted edits
// applied, for the last check, without parsing all of out: the top-level
// statements of src that no edit touches keep their subtrees from root,
// src's tree, moved to where they are in out, and the text between two
// of them that edits changed (a region) is parsed alone. It is the tree a
// parse of the whole of out gives (TestCheckTreeIsFresh) when every region
// parses without error and every boundary where a region meets other
// code reads the same alone as in place: the statement before it is closed
// (an explicit ";", or the "}" of a function, class, interface or enum
// declaration), or a line break and a statement that starts with a keyword
// follow it (an import, export, declaration or control statement, which no
// expression continues into, so automatic semicolon insertion ends the
// statement before in both parses). ok is false otherwise, and for a tree
// too large to copy (see largeTree): then the caller parses out whole.
func (p *Parser) checkTree(src []byte, root *Node, edits []Edit, out []byte, tsx bool) (tree *Node, ok bool) {
	if root == nil || root.Parent != nil || root.End != len(src) || int(root.desc)+1 > largeTree {
		return nil, false // not the tree of src as parse made it, or a large one
	}
	cp, kinds, fields := p.ts, p.kindsTS, p.fieldsTS
	if tsx {
		cp, kinds, fields = p.tsx, p.kindsTSX, p.fieldsTSX
	}
	// shift[k] is how far the edits before edits[k] moved the text after them.
	shift := make([]int, len(edits)+1)
	for k, e := range edits {
		if e.Start < 0 || e.End < e.Start || k > 0 && e.Start < edits[k-1].End {
			return nil, false
		}
		shift[k+1] = shift[k] + len(e.New) - (e.End - e.Start)
	}
	if len(src)+shift[len(edits)] != len(out) {
		return nil, false
	}
	// A statement is touched when an edit overlaps it or inserts inside it.
	stmts := root.Children
	touched := make([]bool, len(stmts))
	for i, k := 0, 0; i < len(stmts); i++ {
		st := stmts[i]
		for k < len(edits) && edits[k].End <= st.Start {
			k++
		}
		touched[i] = k < len(edits) && edits[k].Start < st.End
	}
	// The top-level nodes of out, in order: the untouched statements and
	// each region's, parsed alone (its flat nodes, offsets in the region).
	type region struct {
		at       int // offset in out
		from, to int // its flat nodes: flat[from:to]
	}
	type top struct {
		n      *Node // an untouched statement of root, or nil
		shift  int   // how far it moved
		region int   // else: the region and its flat node
		flat   int32
		// after is set when a region (perhaps empty) lies between this
		// node and the one before.
		after bool
	}
	var regions []region
	var tops []top
	flat := p.buf[:0] // the regions' flat nodes, one after another
	defer func() { p.buf = flat[:0] }()
	total := 1
	ga, k0 := 0, 0 // the gap before the next untouched statement starts at ga, its edits at k0
	pending := false
	for i := 0; i <= len(stmts); i++ {
		if i < len(stmts) && touched[i] {
			continue
		}
		gb := len(src)
		if i < len(stmts) {
			gb = stmts[i].Start
		}
		k1 := k0
		for k1 < len(edits) && edits[k1].Start <= gb && edits[k1].End <= gb {
			k1++
		}
		if k1 > k0 {
			oa, ob := ga+shift[k0], gb+shift[k1]
			from := len(flat)
			flat = cp.parseAlone(out[oa:ob], flat)
			if len(flat) == from {
				return nil, false
			}
			for _, f := range flat[from:] {
				if f.flags&6 != 0 {
					return nil, false // an error or a missing node: parse it whole
				}
			}
			r := len(regions)
			regions = append(regions, region{at: oa, from: from, to: len(flat)})
			pending = true
			for j := from + 1; j < len(flat); j++ {
				if flat[j].parent == 0 {
					tops = append(tops, top{region: r, flat: int32(j - from), after: pending})
					pending = false
				}
			}
			total += len(flat) - from - 1
		}
		if i < len(stmts) {
			st := stmts[i]
			tops = append(tops, top{n: st, shift: shift[k1], after: pending})
			pending = false
			total += int(st.desc) + 1
			ga = st.End
		}
		k0 = k1
	}
	if k0 != len(edits) {
		return nil, false // an edit no gap holds: not reached
	}

	// Copy it all into one preorder array, as parse lays out a tree.
	// in arrays the parser keeps for the next check (the tree dies with
	// its check), unless they would be large
	var nodes []Node
	var children []*Node
	if total > largeTree/8 {
		nodes, children = make([]Node, total), make([]*Node, total-1)
	} else {
		if cap(p.checkNodes) < total {
			p.checkNodes = make([]Node, total+total/4)
			p.checkChildren = make([]*Node, cap(p.checkNodes))
		}
		nodes, children = p.checkNodes[:total], p.checkChildren[:total-1]
	}
	var counts []int32
	rootOut := &nodes[0]
	*rootOut = Node{Kind: root.Kind, Named: root.Named, Start: len(out), End: len(out), desc: int32(total - 1)}
	rootOut.Children = children[0:0:len(tops)]
	nextChild := len(tops)
	pos := 1
	for _, t := range tops {
		if t.n != nil {
			sub := unsafe.Slice(t.n, int(t.n.desc)+1)
			base := uintptr(unsafe.Pointer(t.n))
			at := func(m *Node) *Node { return &nodes[pos+int((uintptr(unsafe.Pointer(m))-base)/unsafe.Sizeof(Node{}))] }
			for j := range sub {
				o, n := &sub[j], &nodes[pos+j]
				*n = Node{Kind: o.Kind, Field: o.Field, Start: o.Start + t.shift, End: o.End + t.shift, Named: o.Named, desc: o.desc}
				if j == 0 {
					n.Parent = rootOut
				} else {
					n.Parent = at(o.Parent)
				}
				n.Children = children[nextChild : nextChild : nextChild+len(o.Children)]
				for _, c := range o.Children {
					n.Children = append(n.Children, at(c))
				}
				nextChild += len(o.Children)
			}
			rootOut.Children = append(rootOut.Children, &nodes[pos])
			pos += len(sub)
			continue
		}
		r := regions[t.region]
		rflat := flat[r.from:r.to]
		// the flat subtree of this top-level node: up to the next one
		end := int(t.flat) + 1
		for end < len(rflat) && rflat[end].parent != 0 {
			end++
		}
		sub := rflat[t.flat:end]
		counts = slices.Grow(counts[:0], len(sub))[:len(sub)]
		clear(counts)
		for j := 1; j < len(sub); j++ {
			counts[int(sub[j].parent)-int(t.flat)]++
		}
		for j := range sub {
			f := &sub[j]
			n := &nodes[pos+j]
			*n = Node{Start: int(f.start) + r.at, End: int(f.end) + r.at, Named: f.flags&1 != 0}
			if k := int(f.kind); k < len(kinds) {
				n.Kind = kinds[k]
			}
			if fl := int(f.field); fl > 0 && fl < len(fields) {
				n.Field = fields[fl]
			}
			n.Children = children[nextChild : nextChild : nextChild+int(counts[j])]
			nextChild += int(counts[j])
			if j == 0 {
				n.Parent = rootOut
			} else {
				parent := &nodes[pos+int(f.parent)-int(t.flat)]
				n.Parent = parent
				parent.Children = append(parent.Children, n)
			}
		}
		for j := len(sub) - 1; j > 0; j-- {
			nodes[pos+int(sub[j].parent)-int(t.flat)].desc += nodes[pos+j].desc + 1
		}
		rootOut.Children = append(rootOut.Children, &nodes[pos])
		pos += len(sub)
	}
	if pos != total || nextChild != total-1 {
		return nil, false // not reached
	}
	if len(rootOut.Children) > 0 {
		rootOut.Start = rootOut.Children[0].Start
	}

	// Every boundary a region made must read the same in place.
	var last *Node // the last top-level node that is not a comment
	lastRegion, crossed := -1, false
	for i, c := range rootOut.Children {
		t := tops[i]
		crossed = crossed || t.after
		if c.Kind == "comment" {
			continue
		}
		region := -1
		if t.n == nil {
			region = t.region
		}
		if last != nil && (region >= 0 || lastRegion >= 0 || crossed) && (region < 0 || region != lastRegion) {
			next := rootOut.Children[last.Index()+1]
			if !closedStatement(last) && !(strings.Contains(string(out[last.End:next.Start]), "\n") && keywordStatements[c.Kind]) {
				return nil, false
			}
		}
		last, lastRegion, crossed = c, region, false
	}
	return rootOut, true
}

// closedStatement reports whether nothing after the top-level statement n
// can continue it: it ends with an explicit ";", or is a declaration whose
// body's "}" ends it.
func closedStatement(n *Node) bool {
	leaf := &unsafe.Slice(n, int(n.desc)+1)[n.desc] // the last node in preorder
	if leaf.Kind == ";" && leaf.End > leaf.Start {
		return true
	}
	d := n
	if n.Kind == "export_statement" {
		if c := n.ChildByField("declaration"); c != nil {
			d = c
		}
	}
	return closedDeclarations[d.Kind] && leaf.Kind == "}"
}

var closedDeclarations = map[string]bool{"function_declaration": true, "generator_function_declaration": true,
	"class_declaration": true, "abstract_class_declaration": true, "interface_declaration": true, "enum_declaration": true}

// keywordStatements are the statements that start with a keyword (or a
// decorator) no expression continues into: after a line break, the
// statement before them ends there.
var keywordStatements = map[string]bool{"import_statement": true, "export_statement": true,
	"function_declaration": true, "generator_function_declaration": true, "class_declaration": true,
	"abstract_class_declaration": true, "lexical_declaration": true, "variable_declaration": true,
	"interface_declaration": true, "enum_declaration": true, "type_alias_declaration": true,
	"if_statement": true, "for_statement": true, "for_in_statement": true, "while_statement": true,
	"do_statement": true, "try_statement": true, "switch_statement": true, "throw_statement": true}
