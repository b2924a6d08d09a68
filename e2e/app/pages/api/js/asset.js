import fs from "node:fs";
import path from "node:path";

// A file streamed from disk: fs.createReadStream(...).pipe(res) becomes
// Readable.toWeb of the same stream.
export default function handler(req, res) {
  if (req.method !== "GET") {
    res.status(405).end();
    return;
  }
  const font = req.query.font ?? "sample";
  if (font !== "sample") {
    res.status(404).end();
    return;
  }
  res.setHeader("Content-Type", "application/octet-stream");
  res.setHeader("Cache-Control", "no-store");
  fs.createReadStream(path.join(process.cwd(), "assets", "fonts", `${font}.otf`)).pipe(res);
}
