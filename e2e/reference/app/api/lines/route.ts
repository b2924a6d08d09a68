import { Readable } from "node:stream";
import type { NextRequest } from "next/server";

function* lines(n: number) {
  for (let i = 1; i <= n; i++) yield `line ${i}: ${"é".repeat(i)}\n`;
}

export function GET(req: NextRequest) {
  const n = Math.min(Number(req.nextUrl.searchParams.get("n") ?? "3"), 20);
  return new Response(Readable.toWeb(Readable.from(lines(n), { objectMode: false })) as ReadableStream, {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
