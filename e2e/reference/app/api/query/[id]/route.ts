import type { NextRequest } from "next/server";

export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const query: Partial<Record<string, string | string[]>> = {};
  for (const key of req.nextUrl.searchParams.keys()) {
    const values = req.nextUrl.searchParams.getAll(key);
    query[key] = values.length > 1 ? values : values[0];
  }
  Object.assign(query, await params);
  return Response.json({ query, keys: Object.keys(query), id: query.id }, { status: 200 });
}
