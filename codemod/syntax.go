package codemod

import (
	"fmt"
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"
	typescript "github.com/tree-sitter/tree-sitter-typescript/bindings/go"
)

// Node is a Go-side copy of one tree-sitter syntax node. The copy is made
// once per file so that analysis never crosses into C again and the C tree
// can be freed right after parsing.
type Node struct {
	Kind     string
	Field    string // field name in the parent, "" when none
	Start    int    // byte offset of the first byte
	End      int    // byte offset after the last byte
	Named    bool
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
// false skips the node's children.
func (n *Node) Walk(fn func(*Node) bool) {
	if !fn(n) {
		return
	}
	for _, c := range n.Children {
		c.Walk(fn)
	}
}

// Contains reports whether m lies within n.
func (n *Node) Contains(m *Node) bool { return m.Start >= n.Start && m.End <= n.End }

// NextNamedSibling returns the next named sibling that is not a comment, or nil.
func (n *Node) NextNamedSibling() *Node {
	if n.Parent == nil {
		return nil
	}
	seen := false
	for _, c := range n.Parent.Children {
		if seen && c.Named && c.Kind != "comment" {
			return c
		}
		if c == n {
			seen = true
		}
	}
	return nil
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
// grammar and is not safe for concurrent use: give each worker its own.
type Parser struct {
	ts, tsx   *sitter.Parser
	langTS    *sitter.Language
	langTSX   *sitter.Language
	kinds     map[*sitter.Language][]string
	fieldName map[*sitter.Language][]string
}

// NewParser returns a Parser; call Close when done.
func NewParser() *Parser {
	p := &Parser{
		ts:        sitter.NewParser(),
		tsx:       sitter.NewParser(),
		langTS:    sitter.NewLanguage(typescript.LanguageTypescript()),
		langTSX:   sitter.NewLanguage(typescript.LanguageTSX()),
		kinds:     map[*sitter.Language][]string{},
		fieldName: map[*sitter.Language][]string{},
	}
	if err := p.ts.SetLanguage(p.langTS); err != nil {
		panic(err)
	}
	if err := p.tsx.SetLanguage(p.langTSX); err != nil {
		panic(err)
	}
	for _, l := range []*sitter.Language{p.langTS, p.langTSX} {
		kinds := make([]string, l.NodeKindCount())
		for i := range kinds {
			kinds[i] = l.NodeKindForId(uint16(i))
		}
		p.kinds[l] = kinds
		fields := make([]string, l.FieldCount()+1)
		for i := 1; i < len(fields); i++ {
			fields[i] = l.FieldNameForId(uint16(i))
		}
		p.fieldName[l] = fields
	}
	return p
}

// Close frees the C parsers.
func (p *Parser) Close() {
	p.ts.Close()
	p.tsx.Close()
}

// Parse parses src with the TSX grammar when tsx is true, else TypeScript,
// and returns the root of a Go copy of the tree. A tree with ERROR or MISSING
// nodes is rejected with the first one's location.
func (p *Parser) Parse(src []byte, tsx bool) (*Node, error) {
	parser, lang := p.ts, p.langTS
	if tsx {
		parser, lang = p.tsx, p.langTSX
	}
	tree := parser.Parse(src, nil)
	if tree == nil {
		return nil, fmt.Errorf("tree-sitter returned no tree")
	}
	defer tree.Close()
	cur := tree.Walk()
	defer cur.Close()
	b := builder{kinds: p.kinds[lang], fields: p.fieldName[lang]}
	root := b.build(cur, nil)
	if b.bad != nil {
		line, col := LineCol(src, b.bad.Start)
		what := "syntax error"
		if b.badMissing {
			what = "missing " + b.bad.Kind
		}
		return root, &SyntaxError{Line: line, Column: col, Message: what + " (tree-sitter)"}
	}
	return root, nil
}

type builder struct {
	kinds, fields []string
	bad           *Node
	badMissing    bool
}

func (b *builder) build(cur *sitter.TreeCursor, parent *Node) *Node {
	n := cur.Node()
	start, end := n.ByteRange()
	kind := ""
	if id := int(n.KindId()); id < len(b.kinds) {
		kind = b.kinds[id]
	}
	field := ""
	if id := int(cur.FieldId()); id > 0 && id < len(b.fields) {
		field = b.fields[id]
	}
	node := &Node{Kind: kind, Field: field, Start: int(start), End: int(end), Named: n.IsNamed(), Parent: parent}
	if b.bad == nil && (n.IsError() || n.IsMissing()) {
		b.bad, b.badMissing = node, n.IsMissing()
		if n.IsError() {
			node.Kind = "ERROR"
		}
	}
	if cur.GotoFirstChild() {
		for {
			node.Children = append(node.Children, b.build(cur, node))
			if !cur.GotoNextSibling() {
				break
			}
		}
		cur.GotoParent()
	}
	return node
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
