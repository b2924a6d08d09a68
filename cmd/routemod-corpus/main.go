// Command routemod-corpus writes a synthetic Next.js project with many
// pages-router API routes, for benchmarking routemod at scale; or, with
// -large, a project of one large route.
//
//	go run ./cmd/routemod-corpus -n 2000 -seed 1 -out DIR
//	go run ./cmd/routemod-corpus -large helpers -kb 1000 -out DIR   # DIR/pages/api/large.ts
//
// The output is a pure function of its flags; see package
// github.com/routemod/routemod/bench/corpus for the shapes it writes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/routemod/routemod/bench/corpus"
)

// large are the one-route shapes -large writes, by name.
var large = map[string]func(size int) []byte{
	"sends":   corpus.LargeRoute,        // one handler, a long chain of ifs that each send
	"helpers": corpus.LargeHelpersRoute, // a handler handing res to thousands of send helpers
}

func main() {
	n := flag.Int("n", 2000, "number of API routes")
	seed := flag.Uint64("seed", 1, "random seed")
	shape := flag.String("large", "", "write one large route of this `shape` instead (sends, helpers)")
	kb := flag.Int("kb", 1000, "size of the -large route in `KB` (1,000 bytes)")
	out := flag.String("out", "", "output project `DIR` (created; must not already hold pages/api)")
	flag.Parse()
	if *out == "" || flag.NArg() != 0 || *n < 0 || *shape != "" && (large[*shape] == nil || *kb <= 0) {
		fmt.Fprintln(os.Stderr, "usage: routemod-corpus [-n N] [-seed S] -out DIR\n       routemod-corpus -large sends|helpers [-kb KB] -out DIR")
		os.Exit(2)
	}
	var err error
	if *shape != "" {
		err = writeLarge(*out, large[*shape](*kb*1000))
	} else {
		err = corpus.Generate(*out, *n, *seed)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "routemod-corpus: %v\n", err)
		os.Exit(1)
	}
}

// writeLarge writes src as DIR/pages/api/large.ts.
func writeLarge(dir string, src []byte) error {
	api := filepath.Join(dir, "pages", "api")
	if err := os.MkdirAll(api, 0o755); err != nil {
		return err
	}
	path := filepath.Join(api, "large.ts")
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists", path)
	}
	return os.WriteFile(path, src, 0o644)
}
