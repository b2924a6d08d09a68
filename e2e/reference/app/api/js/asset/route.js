import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";

/** @param {import('next/server').NextRequest} req */
export function GET(req) {
  const font = req.nextUrl.searchParams.get("font") ?? "sample";
  if (font !== "sample") {
    return new Response(null, { status: 404 });
  }
  const file = fs.createReadStream(path.join(process.cwd(), "assets", "fonts", `${font}.otf`));
  return new Response(/** @type {ReadableStream} */ (Readable.toWeb(file)), {
    headers: { "Content-Type": "application/octet-stream", "Cache-Control": "no-store" },
  });
}
