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

// LargeHelpersRoute is a pages route of about size bytes whose handler
// hands res to thousands of module-level send helpers, one call each:
//
//	if (k === "7") return send7(res, v);   + function send7(res, v) { res.status(200).json({ k: 7, v }); }
//
// every helper becomes a function returning a Response and every call loses
// its res (BenchmarkLargeHelpers). Every third helper sets a header first,
// every fifth sends with a bare res.json.
func LargeHelpersRoute(size int) []byte {
	var calls, helpers strings.Builder
	calls.WriteString("import type { NextApiRequest, NextApiResponse } from \"next\";\n\nexport default function handler(req: NextApiRequest, res: NextApiResponse) {\n  const k = req.query.k;\n  const v = req.query.v;\n")
	for i := 0; calls.Len()+helpers.Len() < size; i++ {
		fmt.Fprintf(&calls, "  if (k === \"%[1]d\") return send%[1]d(res, v);\n", i)
		fmt.Fprintf(&helpers, "\nfunction send%[1]d(res: NextApiResponse, v: unknown) {\n", i)
		if i%3 == 0 {
			fmt.Fprintf(&helpers, "  res.setHeader(\"x-k\", \"%[1]d\");\n", i)
		}
		if i%5 == 0 {
			fmt.Fprintf(&helpers, "  res.json({ k: %[1]d, v });\n}\n", i)
		} else {
			fmt.Fprintf(&helpers, "  res.status(200).json({ k: %[1]d, v });\n}\n", i)
		}
	}
	calls.WriteString("  res.status(404).end();\n}\n")
	return []byte(calls.String() + helpers.String())
}
