import type { NextRequest } from "next/server";

export async function GET(req: NextRequest) {
  return new Response(null, { status: 307, headers: { Location: "/somewhere" } });
}
