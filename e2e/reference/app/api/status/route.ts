import type { NextRequest } from "next/server";

export async function GET(req: NextRequest) {
  return Response.json({ service: "routemod-e2e", healthy: true, version: 3 });
}
