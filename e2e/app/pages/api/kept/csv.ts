import type { NextApiRequest, NextApiResponse } from "next";
import { sendCsv } from "../../../lib/csv";

// res is handed to a helper in lib/: routemod cannot finish this route, so
// it stays in pages/api.
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return res.status(405).json({ error: "GET only" });
  const n = Number(req.query.n ?? "2");
  const rows = [["id", "name"]];
  for (let i = 1; i <= n; i++) rows.push([String(i), `user${i}`]);
  sendCsv(res, rows);
}
