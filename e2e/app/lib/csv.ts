import type { NextApiResponse } from "next";

// sendCsv answers with rows as CSV; routes hand it their res.
export function sendCsv(res: NextApiResponse, rows: string[][]) {
  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  res.status(200).send(rows.map((r) => r.join(",")).join("\n"));
}
