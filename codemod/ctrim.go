package codemod

/*
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
static void rm_trim(void) { malloc_trim(0); }
#else
static void rm_trim(void) {}
#endif
*/
import "C"

// trimC hands the memory C's allocator keeps after a large tree-sitter
// tree is freed back to the system (glibc keeps it otherwise, beside the
// Go heap that grows next). Elsewhere it does nothing.
func trimC() { C.rm_trim() }
