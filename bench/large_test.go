package bench

import (
	"fmt"
	"strings"
	"testing"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/transforms"
)

// largeRoute is a pages route of about size bytes: one handler that
// answers from a long chain of ifs, each reading the query, the body and
// a cookie, setting a header and sending JSON, the shape that makes every
// send a rewrite of its own.
func largeRoute(size int) []byte {
	var b strings.Builder
	b.WriteString("import type { NextApiRequest, NextApiResponse } from \"next\";\n\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  const body = req.body;\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "  if (req.query.k%[1]d === \"%[1]d\") {\n    res.setHeader(\"x-k\", \"%[1]d\");\n    return res.status(200).json({ k: req.query.k%[1]d, v: body.v%[1]d, c: req.cookies.c%[1]d });\n  }\n", i)
	}
	b.WriteString("  res.status(404).end();\n}\n")
	return []byte(b.String())
}

// BenchmarkLargeRoute migrates one route of 100 KB, 200 KB, 1 MB, 2 MB and
// 5 MB as a dry run does: both gates, parse, every transform, the diff.
func BenchmarkLargeRoute(b *testing.B) {
	m, err := transforms.New(nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, kb := range []int{100, 200, 1000, 2000, 5000} {
		src := largeRoute(kb * 1000)
		b.Run(fmt.Sprintf("%dKB", kb), func(b *testing.B) {
			p := codemod.NewParser()
			defer p.Close()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				r := codemod.MigrateSource(p, m, nil, "pages/api/large.ts", src, 16)
				if !r.Changed() {
					b.Fatalf("%s: %v", r.Status, r.Reasons)
				}
				codemod.UnifiedDiff(r.Path, r.NewPath, src, r.Output())
			}
		})
	}
}
