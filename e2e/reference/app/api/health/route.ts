import type { NextRequest } from "next/server";

export async function GET(req: NextRequest) {
  return Response.json({ status: "ok", uptime: true }, { status: 200 });
}
