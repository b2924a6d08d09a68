import type { NextApiRequest, NextApiResponse } from "next";
import { sendCsv } from "../../../lib/csv";
import { sendError } from "../../../lib/respond";

// res is handed to a helper in lib/ that streams (res.write): routemod cannot
// finish this route, so it stays in pages/api, and sendError, which routes
// that move call too, gets its app version beside the pages one.
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return sendError(res, 405, "GET only");
  const n = Number(req.query.n ?? "2");
  const rows = [["id", "name"]];
  for (let i = 1; i <= n; i++) rows.push([String(i), `user${i}`]);
  sendCsv(res, rows);
}
