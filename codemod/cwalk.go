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
extern void ts_set_allocator(void *(*)(size_t), void *(*)(size_t, size_t), void *(*)(void *, size_t), void (*)(void *));
extern TSParser *ts_parser_new(void);
extern void ts_parser_delete(TSParser *);
extern bool ts_parser_set_language(TSParser *, const TSLanguage *);
extern TSTree *ts_parser_parse_string(TSParser *, const TSTree *, const char *, uint32_t);
extern void ts_tree_delete(TSTree *);
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

static TSTree *rm_parse(TSParser *p, const char *src, uint32_t len, uint32_t *count) {
	TSTree *t = ts_parser_parse_string(p, NULL, src, len);
	if (t) *count = ts_node_descendant_count(ts_tree_root_node(t));
	return t;
}

// rm_flatten writes the tree in preorder into out (count entries).
static void rm_flatten(TSTree *t, rm_node *out, uint32_t count) {
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
	"unsafe"
)

func init() {
	// Before any parser exists: trees are then allocated and freed by malloc.
	C.rm_use_c_allocator()
}

// cParser is one tree-sitter parser driven from C.
type cParser struct{ p *C.TSParser }

func newCParser(lang unsafe.Pointer) *cParser {
	p := C.ts_parser_new()
	if !C.ts_parser_set_language(p, (*C.TSLanguage)(lang)) {
		C.ts_parser_delete(p)
		panic("tree-sitter: incompatible language version")
	}
	return &cParser{p: p}
}

func (c *cParser) close() { C.ts_parser_delete(c.p) }

// flatNode mirrors rm_node.
type flatNode = C.rm_node

// parse parses src and returns its nodes flat, in preorder.
func (c *cParser) parse(src []byte, buf []flatNode) ([]flatNode, error) {
	var count C.uint32_t
	var ptr *C.char
	if len(src) > 0 {
		ptr = (*C.char)(unsafe.Pointer(&src[0]))
	}
	t := C.rm_parse(c.p, ptr, C.uint32_t(len(src)), &count)
	if t == nil {
		return nil, fmt.Errorf("tree-sitter returned no tree")
	}
	defer C.ts_tree_delete(t)
	if cap(buf) < int(count) {
		buf = make([]flatNode, count)
	}
	buf = buf[:count]
	if count > 0 {
		C.rm_flatten(t, &buf[0], count)
	}
	return buf, nil
}
