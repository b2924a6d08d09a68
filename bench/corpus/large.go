package corpus

import (
	"fmt"
	"strings"
)

// LargeRoute is a pages route of about size bytes: one handler that
// answers from a long chain of ifs, each reading the query, the body and
// a cookie, setting a header and sending JSON, the shape that makes every
// send a rewrite of its own (BenchmarkLargeRoute, and the interrupt test
// of a run inside one large file).
func LargeRoute(size int) []byte {
	var b strings.Builder
	b.WriteString("import type { NextApiRequest, NextApiResponse } from \"next\";\n\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  const body = req.body;\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "  if (req.query.k%[1]d === \"%[1]d\") {\n    res.setHeader(\"x-k\", \"%[1]d\");\n    return res.status(200).json({ k: req.query.k%[1]d, v: body.v%[1]d, c: req.cookies.c%[1]d });\n  }\n", i)
	}
	b.WriteString("  res.status(404).end();\n}\n")
	return []byte(b.String())
}
