import type { NextApiRequest, NextApiResponse } from "next";

// No method check, CORS headers on every answer: a browser preflight
// (OPTIONS) must still get them after the migration.
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  res.setHeader("Access-Control-Allow-Headers", "Content-Type, Authorization");
  res.json({ method: req.method });
}
