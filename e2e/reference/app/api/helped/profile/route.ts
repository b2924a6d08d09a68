import type { NextRequest } from "next/server";

export function GET(req: NextRequest) {
  if (req.headers.get("x-api-key") !== "secret") {
    return Response.json({ error: "missing or wrong API key" }, { status: 401 });
  }
  return Response.json({ owner: "ada", scopes: ["read", "write"] }, { headers: { "Cache-Control": "no-store" } });
}
