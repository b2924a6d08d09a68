package codemod

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unsafe"

	sitter "github.com/tree-sitter/go-tree-sitter"
	typescript "github.com/tree-sitter/tree-sitter-typescript/bindings/go"
)

// Node is a Go-side copy of one tree-sitter syntax node. The copy is made
// once per file so that analysis never crosses into C again; the C tree is
// freed after parsing, or kept (ParseShared) only for an incremental parse
// of the edited text.
type Node struct {
	Kind  string
	Field string // field name in the parent, "" when none
	Start int    // byte offset of the first byte
	End   int    // byte offset after the last byte
	Named bool
	// desc counts the node's descendants; Parse lays them out right after
	// the node, in preorder, in one array (see Walk).
	desc     int32
	Parent   *Node
	Children []*Node
}

// Text returns the source text the node spans.
func (n *Node) Text(src []byte) string { return string(src[n.Start:n.End]) }

// ChildByField returns the first child with the given field name, or nil.
func (n *Node) ChildByField(field string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Field == field {
			return c
		}
	}
	return nil
}

// ChildrenByField returns every child with the given field name.
func (n *Node) ChildrenByField(field string) []*Node {
	var out []*Node
	for _, c := range n.Children {
		if c.Field == field {
			out = append(out, c)
		}
	}
	return out
}

// NamedChildren returns the named children, comments included.
func (n *Node) NamedChildren() []*Node {
	var out []*Node
	for _, c := range n.Children {
		if c.Named {
			out = append(out, c)
		}
	}
	return out
}

// ChildOfKind returns the first child of the given kind, or nil.
func (n *Node) ChildOfKind(kind string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Kind == kind {
			return c
		}
	}
	return nil
}

// Walk calls fn for n and every descendant in source order; fn returning
// false skips the node's children. It runs down the preorder array Parse
// built, with no recursion: a node's subtree is the desc nodes after it.
func (n *Node) Walk(fn func(*Node) bool) {
	sub := unsafe.Slice(n, int(n.desc)+1)
	for i := 0; i < len(sub); {
		m := &sub[i]
		if fn(m) {
			i++
		} else {
			i += int(m.desc) + 1
		}
	}
}

// Contains reports whether m lies within n.
func (n *Node) Contains(m *Node) bool { return m.Start >= n.Start && m.End <= n.End }

// NextNamedSibling returns the next named sibling that is not a comment, or nil.
func (n *Node) NextNamedSibling() *Node {
	if n.Parent == nil {
		return nil
	}
	sibs := n.Parent.Children
	for i := n.Index() + 1; i > 0 && i < len(sibs); i++ {
		if c := sibs[i]; c.Named && c.Kind != "comment" {
			return c
		}
	}
	return nil
}

// Index returns n's position in its parent's Children (-1 for the root),
// by binary search on the offsets: a walk along a block of many
// statements does not scan the block at each step.
func (n *Node) Index() int {
	if n.Parent == nil {
		return -1
	}
	sibs := n.Parent.Children
	i := sort.Search(len(sibs), func(i int) bool { return sibs[i].Start >= n.Start })
	for ; i < len(sibs) && sibs[i].Start == n.Start; i++ {
		if sibs[i] == n {
			return i
		}
	}
	return slices.Index(sibs, n) // not reached in a tree Parse built
}

// Unparen strips parentheses around an expression.
func Unparen(n *Node) *Node {
	for n != nil && n.Kind == "parenthesized_expression" {
		var inner *Node
		for _, c := range n.Children {
			if c.Named && c.Kind != "comment" {
				inner = c
				break
			}
		}
		if inner == nil {
			return n
		}
		n = inner
	}
	return n
}

// SyntaxError is a parse failure at a 1-based line and column.
type SyntaxError struct {
	Line, Column int
	Message      string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Message)
}

// Parser parses TypeScript and TSX. It holds one tree-sitter parser per
// grammar, driven from C so that a file costs a handful of cgo calls, and is
// not safe for concurrent use: give each worker its own.
type Parser struct {
	ts, tsx   *cParser
	kindsTS   []string
	kindsTSX  []string
	fieldsTS  []string
	fieldsTSX []string
	buf       []flatNode
	// nodes, children and counts are ParseShared's arrays.
	nodes    []Node
	children []*Node
	counts   []int32
	// checkNodes and checkChildren are checkTree's.
	checkNodes    []Node
	checkChildren []*Node
}

// NewParser returns a Parser; call Close when done.
func NewParser() *Parser {
	langTS, langTSX := typescript.LanguageTypescript(), typescript.LanguageTSX()
	p := &Parser{ts: newCParser(langTS), tsx: newCParser(langTSX)}
	p.kindsTS, p.fieldsTS = grammarNames(sitter.NewLanguage(langTS))
	p.kindsTSX, p.fieldsTSX = grammarNames(sitter.NewLanguage(langTSX))
	return p
}

// grammarNames returns a grammar's node kind and field names by id.
func grammarNames(l *sitter.Language) (kinds, fields []string) {
	kinds = make([]string, l.NodeKindCount())
	for i := range kinds {
		kinds[i] = l.NodeKindForId(uint16(i))
	}
	fields = make([]string, l.FieldCount()+1)
	for i := 1; i < len(fields); i++ {
		fields[i] = l.FieldNameForId(uint16(i))
	}
	return kinds, fields
}

// Close frees the C parsers.
func (p *Parser) Close() {
	p.ts.close()
	p.tsx.close()
}

// Parse parses src with the TSX grammar when tsx is true, else TypeScript,
// and returns the root of a Go copy of the tree. A tree with ERROR or MISSING
// nodes is rejected with the first one's location.
func (p *Parser) Parse(src []byte, tsx bool) (*Node, error) {
	return p.parse(src, tsx, false, nil, false)
}

// ParseShared is Parse with the tree built in arrays the parser keeps and
// reuses: the tree is only valid until the next ParseShared. The pipeline
// uses it, as a file's tree is dead once its transforms have run; it spares
// an allocation the size of the tree per file. The C tree is kept too, for
// a ReparseShared of an edited src, until the next parse with the grammar
// or Release (unless it is large, see largeTree).
func (p *Parser) ParseShared(src []byte, tsx bool) (*Node, error) {
	return p.parse(src, tsx, true, nil, true)
}

// ReparseShared is ParseShared of out, the text src with the sorted edits
// applied (see SortEdits). When the last ParseShared with the grammar was of
// src (the same slice), it is incremental: the kept tree is edited with the
// edits and tree-sitter re-parses only what they touched, reusing every
// other subtree, for the same tree a fresh parse gives (TestReparseIsFresh,
// TestCheckTreeIsFresh).
// A tree with an error is made again by a fresh parse, so an error is
// never the incremental parse's own.
func (p *Parser) ReparseShared(src []byte, edits []Edit, out []byte, tsx bool) (*Node, error) {
	root, err := p.parse(out, tsx, true, &reparse{src: src, edits: edits}, true)
	if _, syntax := err.(*SyntaxError); syntax {
		root, err = p.parse(out, tsx, true, nil, true)
	}
	return root, err
}

// Release frees the C trees kept for ReparseShared.
func (p *Parser) Release() {
	p.ts.release()
	p.tsx.release()
}

// largeTree is the node count (a route file of about half a megabyte)
// above which the parser keeps no arrays for the next file (see parse).
const largeTree = 1 << 18

func (p *Parser) parse(src []byte, tsx, shared bool, from *reparse, keep bool) (*Node, error) {
	cp, kinds, fields := p.ts, p.kindsTS, p.fieldsTS
	if tsx {
		cp, kinds, fields = p.tsx, p.kindsTSX, p.fieldsTSX
	}
	flat, err := cp.parse(src, p.buf, from, keep)
	if err != nil {
		return nil, err
	}
	p.buf = flat[:0]
	if len(flat) > largeTree {
		// A tree this large (a route file of half a megabyte or more) is
		// rare: the parser keeps neither it nor its flat copy for the next
		// file, so that each is garbage as soon as its file is done with it,
		// and C's allocator hands back what the C tree took. Nor is the C
		// tree kept for ReparseShared: the output's parse is a fresh one.
		p.buf, shared = nil, false
		cp.release()
		trimC()
	}
	if len(flat) == 0 {
		return nil, fmt.Errorf("tree-sitter returned an empty tree")
	}
	var nodes []Node
	var children []*Node
	var counts []int32
	if shared {
		if cap(p.nodes) < len(flat) {
			p.nodes = make([]Node, len(flat)+len(flat)/4)
			p.children = make([]*Node, cap(p.nodes))
			p.counts = make([]int32, cap(p.nodes))
		}
		nodes, children, counts = p.nodes[:len(flat)], p.children[:len(flat)-1], p.counts[:len(flat)]
		clear(counts)
	} else {
		nodes = make([]Node, len(flat))
		children = make([]*Node, len(flat)-1)
		counts = make([]int32, len(flat))
	}
	for i := 1; i < len(flat); i++ {
		counts[flat[i].parent]++
	}
	off := 0
	var bad *Node
	badMissing := false
	for i := range flat {
		fl := &flat[i]
		n := &nodes[i]
		*n = Node{Start: int(fl.start), End: int(fl.end)}
		if k := int(fl.kind); k < len(kinds) {
			n.Kind = kinds[k]
		}
		if f := int(fl.field); f > 0 && f < len(fields) {
			n.Field = fields[f]
		}
		n.Named = fl.flags&1 != 0
		if bad == nil && fl.flags&6 != 0 {
			bad, badMissing = n, fl.flags&4 != 0
			if fl.flags&2 != 0 {
				n.Kind = "ERROR"
			}
		}
		c := int(counts[i])
		n.Children = children[off : off : off+c]
		off += c
		if i > 0 {
			parent := &nodes[fl.parent]
			n.Parent = parent
			parent.Children = append(parent.Children, n)
		}
	}
	for i := len(flat) - 1; i > 0; i-- {
		nodes[flat[i].parent].desc += nodes[i].desc + 1
	}
	root := &nodes[0]
	if bad != nil {
		line, col := LineCol(src, bad.Start)
		what := "syntax error"
		if badMissing {
			what = "missing " + bad.Kind
		}
		return root, &SyntaxError{Line: line, Column: col, Message: what + " (tree-sitter)"}
	}
	return root, nil
}

// LineCol returns the 1-based line and column (in bytes) of offset off.
func LineCol(src []byte, off int) (int, int) {
	if off > len(src) {
		off = len(src)
	}
	line := 1 + strings.Count(string(src[:off]), "\n")
	col := off - (strings.LastIndexByte(string(src[:off]), '\n') + 1) + 1
	return line, col
}

// Sexp renders the named structure of n, for tests and debugging.
func (n *Node) Sexp(src []byte) string {
	var sb strings.Builder
	var rec func(*Node, int)
	rec = func(m *Node, depth int) {
		sb.WriteString(strings.Repeat("  ", depth))
		if m.Field != "" {
			sb.WriteString(m.Field + ": ")
		}
		sb.WriteString(m.Kind)
		if len(m.Children) == 0 {
			fmt.Fprintf(&sb, " %q", m.Text(src))
		}
		sb.WriteString("\n")
		for _, c := range m.Children {
			if c.Named {
				rec(c, depth+1)
			}
		}
	}
	rec(n, 0)
	return sb.String()
}
