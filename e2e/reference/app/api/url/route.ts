import type { NextRequest } from "next/server";

export async function GET(req: NextRequest) {
  return Response.json({ url: req.nextUrl.pathname + req.nextUrl.search }, { status: 200 });
}
