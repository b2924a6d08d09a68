import type { NextRequest } from "next/server";

export async function GET(req: NextRequest) {
  const headers = new Headers();
  headers.set("x-a", "1");
  // req.query.n was undefined when absent: Number(undefined) is NaN, Number(null) is 0.
  const n = Number(req.nextUrl.searchParams.get("n") ?? undefined);
  if (Number.isNaN(n)) return Response.json({ error: "n must be a number" }, { status: 400, headers });
  headers.set("x-b", "2");
  headers.set("Cache-Control", "private, max-age=60");
  return Response.json({ n, double: n * 2 }, { headers });
}
