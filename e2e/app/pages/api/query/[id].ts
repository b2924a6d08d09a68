import type { NextApiRequest, NextApiResponse } from "next";

// req.query as a whole: search keys (a repeated one an array), the [id]
// segment over a search key of the same name, in Next's key order.
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return res.status(405).json({ error: "Method Not Allowed" });
  res.status(200).json({ query: req.query, keys: Object.keys(req.query), id: req.query.id });
}
