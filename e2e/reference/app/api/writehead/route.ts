import type { NextRequest } from "next/server";

export async function GET(req: NextRequest) {
  return new Response("hi", { status: 200, headers: { "content-type": "text/plain", "x-w": "1" } });
}
