// Command routemod-corpus writes a synthetic Next.js project with many
// pages-router API routes, for benchmarking routemod at scale.
//
//	go run ./cmd/routemod-corpus -n 2000 -seed 1 -out DIR
//
// The output is a pure function of -n and -seed; see package
// github.com/routemod/routemod/bench/corpus for the shapes it writes.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/routemod/routemod/bench/corpus"
)

func main() {
	n := flag.Int("n", 2000, "number of API routes")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", "", "output project `DIR` (created; must not already hold pages/api)")
	flag.Parse()
	if *out == "" || flag.NArg() != 0 || *n < 0 {
		fmt.Fprintln(os.Stderr, "usage: routemod-corpus [-n N] [-seed S] -out DIR")
		os.Exit(2)
	}
	if err := corpus.Generate(*out, *n, *seed); err != nil {
		fmt.Fprintf(os.Stderr, "routemod-corpus: %v\n", err)
		os.Exit(1)
	}
}
