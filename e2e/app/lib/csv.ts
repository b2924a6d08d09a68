import type { NextApiResponse } from "next";

// sendCsv streams rows as CSV, one write per row; routes hand it their res.
export function sendCsv(res: NextApiResponse, rows: string[][]) {
  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  res.status(200);
  rows.forEach((r, i) => res.write((i > 0 ? "\n" : "") + r.join(",")));
  res.end();
}
