import type { NextApiRequest, NextApiResponse } from "next";

const FRUITS = ["apple", "apricot", "banana", "cherry", "grape"];

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return res.status(405).json({ error: "Method Not Allowed" });
  const q = req.query.q as string;
  if (!q) {
    return res.status(400).json({ error: "Query parameter q is required" });
  }
  const limit = Number(req.query.limit || 10);
  const results = FRUITS.filter((f) => f.includes(q.toLowerCase())).slice(0, limit);
  res.status(200).json({ q, results });
}
