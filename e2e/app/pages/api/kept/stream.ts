import { once } from "node:events";
import type { NextApiRequest, NextApiResponse } from "next";

// res.write streaming with back-pressure (it waits for "drain" when write
// returns false): a Web stream's start() has no such signal, so routemod
// cannot finish this route and it stays in pages/api. (The plain shape,
// without back-pressure, migrates: see pages/api/export-csv.ts.)
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return res.status(405).end();
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  const count = Math.min(Number(req.query.count ?? "3"), 10);
  for (let n = 0; n < count; n++) {
    if (!res.write(`tick ${n}\n`)) await once(res, "drain");
  }
  res.end("done\n");
}
