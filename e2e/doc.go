// Package e2e holds the real-Next.js differential test of routemod (see
// e2e_test.go and README.md). It runs through package verify, the
// implementation of routemod verify, whose Differences list is the one list
// of what Next.js 16 itself changes between a pages-router API route and a
// perfect app-router route handler.
package e2e
