package codemod

/*
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>

// The tree-sitter runtime is compiled into github.com/tree-sitter/go-tree-sitter;
// these are its public API declarations (tree_sitter/api.h, v0.25).
typedef struct TSParser TSParser;
typedef struct TSTree TSTree;
typedef struct TSLanguage TSLanguage;
typedef struct TSNode { uint32_t context[4]; const void *id; const TSTree *tree; } TSNode;
typedef struct TSTreeCursor { const void *tree; const void *id; uint32_t context[3]; } TSTreeCursor;
typedef struct TSPoint { uint32_t row; uint32_t column; } TSPoint;
typedef struct TSInputEdit {
	uint32_t start_byte, old_end_byte, new_end_byte;
	TSPoint start_point, old_end_point, new_end_point;
} TSInputEdit;
extern void ts_set_allocator(void *(*)(size_t), void *(*)(size_t, size_t), void *(*)(void *, size_t), void (*)(void *));
extern TSParser *ts_parser_new(void);
extern void ts_parser_delete(TSParser *);
extern bool ts_parser_set_language(TSParser *, const TSLanguage *);
extern TSTree *ts_parser_parse_string(TSParser *, const TSTree *, const char *, uint32_t);
extern void ts_tree_delete(TSTree *);
extern void ts_tree_edit(TSTree *, const TSInputEdit *);
extern TSNode ts_tree_root_node(const TSTree *);
extern uint32_t ts_node_descendant_count(TSNode);
extern TSTreeCursor ts_tree_cursor_new(TSNode);
extern void ts_tree_cursor_delete(TSTreeCursor *);
extern TSNode ts_tree_cursor_current_node(const TSTreeCursor *);
extern uint16_t ts_tree_cursor_current_field_id(const TSTreeCursor *);
extern bool ts_tree_cursor_goto_first_child(TSTreeCursor *);
extern bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *);
extern bool ts_tree_cursor_goto_parent(TSTreeCursor *);
extern uint16_t ts_node_symbol(TSNode);
extern uint32_t ts_node_start_byte(TSNode);
extern uint32_t ts_node_end_byte(TSNode);
extern TSPoint ts_node_start_point(TSNode);
extern TSPoint ts_node_end_point(TSNode);
extern bool ts_node_is_named(TSNode);
extern bool ts_node_is_error(TSNode);
extern bool ts_node_is_missing(TSNode);

// rm_node is one node of the flat, preorder copy of a tree.
typedef struct {
	uint32_t start, end;
	int32_t parent;
	uint16_t kind, field;
	uint8_t flags; // 1 named, 2 error, 4 missing
} rm_node;

// rm_use_c_allocator makes the runtime use malloc directly instead of
// calling back into Go for every allocation.
static void rm_use_c_allocator(void) { ts_set_allocator(NULL, NULL, NULL, NULL); }

// rm_parse parses src. With old, src is old's text with the n edits
// applied (in ascending order, on old's coordinates): old is edited last
// edit first, so that each edit's coordinates are still those of the text
// it applies to, then src is parsed reusing what the edits left intact, and
// old is deleted.
static TSTree *rm_parse(TSParser *p, TSTree *old, const TSInputEdit *edits, uint32_t n, const char *src, uint32_t len, uint32_t *count) {
	if (old) {
		for (uint32_t i = n; i > 0; i--) ts_tree_edit(old, &edits[i - 1]);
	}
	TSTree *t = ts_parser_parse_string(p, old, src, len);
	if (old) ts_tree_delete(old);
	if (t) *count = ts_node_descendant_count(ts_tree_root_node(t));
	return t;
}

// rm_flatten writes the tree in preorder into out (count entries) and,
// when pts is not NULL, each node's start and end points into pts (2 per
// node; for tests).
static void rm_flatten(TSTree *t, rm_node *out, TSPoint *pts, uint32_t count) {
	TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(t));
	uint32_t n = 0;
	int32_t parent = -1;
	for (;;) {
		if (n >= count) break;
		TSNode node = ts_tree_cursor_current_node(&c);
		rm_node *r = &out[n];
		r->start = ts_node_start_byte(node);
		r->end = ts_node_end_byte(node);
		r->parent = parent;
		r->kind = ts_node_symbol(node);
		r->field = ts_tree_cursor_current_field_id(&c);
		r->flags = (ts_node_is_named(node) ? 1 : 0) | (ts_node_is_error(node) ? 2 : 0) | (ts_node_is_missing(node) ? 4 : 0);
		if (pts) {
			pts[2 * n] = ts_node_start_point(node);
			pts[2 * n + 1] = ts_node_end_point(node);
		}
		if (ts_tree_cursor_goto_first_child(&c)) {
			parent = (int32_t)n;
			n++;
			continue;
		}
		n++;
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				return;
			}
			parent = out[parent].parent;
		}
	}
	ts_tree_cursor_delete(&c);
}
*/
import "C"

import (
	"fmt"
	"slices"
	"unsafe"
)

func init() {
	// Before any parser exists: trees are then allocated and freed by malloc.
	C.rm_use_c_allocator()
}

// cParser is one tree-sitter parser driven from C.
type cParser struct {
	p *C.TSParser
	// tree is the last parse's C tree when it was kept (see parse), and
	// treeSrc the text it is the tree of; nil when none.
	tree    *C.TSTree
	treeSrc []byte
}

func newCParser(lang unsafe.Pointer) *cParser {
	p := C.ts_parser_new()
	if !C.ts_parser_set_language(p, (*C.TSLanguage)(lang)) {
		C.ts_parser_delete(p)
		panic("tree-sitter: incompatible language version")
	}
	return &cParser{p: p}
}

func (c *cParser) close() {
	c.release()
	C.ts_parser_delete(c.p)
}

// release frees the kept tree, if any.
func (c *cParser) release() {
	if c.tree != nil {
		C.ts_tree_delete(c.tree)
	}
	c.tree, c.treeSrc = nil, nil
}

// flatNode mirrors rm_node.
type flatNode = C.rm_node

// point mirrors TSPoint: a 0-based row and a byte column.
type point = C.TSPoint

// treeEdit mirrors TSInputEdit.
type treeEdit = C.TSInputEdit

// parse parses src and returns its nodes flat, in preorder. When from is
// not nil and the kept tree is the tree of the text from.src, src is that
// text with from.edits applied and is parsed incrementally from the kept
// tree; else it is parsed afresh. keep keeps the new tree (until the next
// parse or release), else it is freed; the kept tree is used up either way.
func (c *cParser) parse(src []byte, buf []flatNode, from *reparse, keep bool) ([]flatNode, error) {
	var old *C.TSTree
	var edits []treeEdit
	if from != nil && c.tree != nil && len(from.src) == len(c.treeSrc) && unsafe.SliceData(from.src) == unsafe.SliceData(c.treeSrc) {
		old, edits = c.tree, from.treeEdits()
		c.tree, c.treeSrc = nil, nil // rm_parse deletes it
	}
	c.release()
	var count C.uint32_t
	var ptr *C.char
	if len(src) > 0 {
		ptr = (*C.char)(unsafe.Pointer(&src[0]))
	}
	var ep *treeEdit
	if len(edits) > 0 {
		ep = &edits[0]
	}
	t := C.rm_parse(c.p, old, ep, C.uint32_t(len(edits)), ptr, C.uint32_t(len(src)), &count)
	if t == nil {
		return nil, fmt.Errorf("tree-sitter returned no tree")
	}
	if keep {
		c.tree, c.treeSrc = t, src
	} else {
		defer C.ts_tree_delete(t)
	}
	if cap(buf) < int(count) {
		buf = make([]flatNode, count)
	}
	buf = buf[:count]
	if count > 0 {
		C.rm_flatten(t, &buf[0], nil, count)
	}
	return buf, nil
}

// newTreeEdit returns the tree-sitter edit that replaces the text
// [start, oldEnd) by text ending at newEnd, with their points.
func newTreeEdit(start, oldEnd, newEnd int, startAt, oldEndAt, newEndAt textPoint) treeEdit {
	pt := func(p textPoint) point { return point{row: C.uint32_t(p.row), column: C.uint32_t(p.col)} }
	return treeEdit{
		start_byte: C.uint32_t(start), old_end_byte: C.uint32_t(oldEnd), new_end_byte: C.uint32_t(newEnd),
		start_point: pt(startAt), old_end_point: pt(oldEndAt), new_end_point: pt(newEndAt),
	}
}

// kept returns the kept tree flattened, with each node's start and end
// points (2 per node), or nothing when no tree is kept (for tests).
func (c *cParser) kept() ([]flatNode, []point) {
	if c.tree == nil {
		return nil, nil
	}
	count := C.ts_node_descendant_count(C.ts_tree_root_node(c.tree))
	flat, pts := make([]flatNode, count), make([]point, 2*count)
	if count > 0 {
		C.rm_flatten(c.tree, &flat[0], &pts[0], count)
	}
	return flat, pts
}

// parseAlone parses src afresh and appends its nodes flat, in preorder, to
// buf; the kept tree stays kept. It appends nothing when tree-sitter gives
// no tree.
func (c *cParser) parseAlone(src []byte, buf []flatNode) []flatNode {
	var count C.uint32_t
	var ptr *C.char
	if len(src) > 0 {
		ptr = (*C.char)(unsafe.Pointer(&src[0]))
	}
	t := C.rm_parse(c.p, nil, nil, 0, ptr, C.uint32_t(len(src)), &count)
	if t == nil {
		return buf
	}
	defer C.ts_tree_delete(t)
	n := len(buf)
	buf = slices.Grow(buf, int(count))[:n+int(count)]
	if count > 0 {
		C.rm_flatten(t, &buf[n], nil, count)
	}
	return buf
}
