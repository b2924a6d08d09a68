import type { NextApiRequest, NextApiResponse } from "next";

// res.write streaming: routemod cannot finish this route, so it stays in
// pages/api.
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return res.status(405).end();
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  const count = Math.min(Number(req.query.count ?? "3"), 10);
  for (let n = 0; n < count; n++) res.write(`tick ${n}\n`);
  res.end("done\n");
}
