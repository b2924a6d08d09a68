import type { NextRequest } from "next/server";

const FRUITS = ["apple", "apricot", "banana", "cherry", "grape"];

export async function GET(req: NextRequest) {
  const q = req.nextUrl.searchParams.get("q") as string;
  if (!q) {
    return Response.json({ error: "Query parameter q is required" }, { status: 400 });
  }
  const limit = Number(req.nextUrl.searchParams.get("limit") || 10);
  const results = FRUITS.filter((f) => f.includes(q.toLowerCase())).slice(0, limit);
  return Response.json({ q, results }, { status: 200 });
}
