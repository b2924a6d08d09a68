import { Readable } from "node:stream";
import type { NextApiRequest, NextApiResponse } from "next";

function* lines(n: number) {
  for (let i = 1; i <= n; i++) yield `line ${i}: ${"é".repeat(i)}\n`;
}

// Lines from a generator piped to the response: Readable.from(...).pipe(res)
// becomes the Web stream of the same strings, encoded as res.write did.
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return res.status(405).json({ error: "GET only" });
  const n = Math.min(Number(req.query.n ?? "3"), 20);
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  Readable.from(lines(n)).pipe(res);
}
