import type { NextRequest } from "next/server";

// withApiKey(handler), its check written out
export function GET(req: NextRequest) {
  if (req.headers.get("x-api-key") !== "k1") {
    return Response.json({ error: "missing or wrong API key" }, { status: 401 });
  }
  return Response.json({ secret: 42 });
}
