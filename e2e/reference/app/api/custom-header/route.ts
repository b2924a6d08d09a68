import type { NextRequest } from "next/server";

export async function GET(req: NextRequest) {
  const headers = new Headers();
  headers.set("x-custom", "v");
  headers.set("Cache-Control", "no-store");
  return Response.json({ ok: true }, { status: 200, headers });
}
