import type { NextApiRequest, NextApiResponse } from "next";

// A CSV export streamed row by row (res.writeHead, res.write in a loop,
// res.end): routemod turns it into a ReadableStream.
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return res.status(405).json({ error: "GET only" });
  const rows = Math.min(Number(req.query.rows ?? "3"), 50);
  res.writeHead(200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": 'attachment; filename="export.csv"',
  });
  res.write("id,name,price\n");
  for (let id = 1; id <= rows; id++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    res.write(`${id},"item ${id}",${(id * 1.5).toFixed(2)}\n`);
  }
  res.end("# end\n");
}
