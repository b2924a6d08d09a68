import type { NextRequest } from "next/server";

export async function GET(req: NextRequest) {
  return new Response(null, { status: 308, headers: { Location: "/docs/getting-started?from=old" } });
}
