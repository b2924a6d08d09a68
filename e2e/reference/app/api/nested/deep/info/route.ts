import type { NextRequest } from "next/server";

export async function GET(req: NextRequest) {
  return Response.json({ nested: true, level: 2 }, { status: 200 });
}
