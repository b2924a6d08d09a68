import type { NextApiRequest, NextApiResponse } from "next";

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return res.status(405).json({ error: "Method Not Allowed" });
  res.setHeader("x-a", "1");
  const n = Number(req.query.n);
  if (Number.isNaN(n)) return res.status(400).json({ error: "n must be a number" });
  res.setHeader("x-b", "2");
  res.setHeader("Cache-Control", "private, max-age=60");
  res.json({ n, double: n * 2 });
}
