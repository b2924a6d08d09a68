import type { NextRequest } from "next/server";

export async function GET(req: NextRequest) {
  const key = req.headers.get("x-api-key");
  const authorization = req.headers.get("authorization");
  if (!key) {
    return Response.json({ error: "x-api-key is required" }, { status: 401 });
  }
  if (key !== "secret-key") {
    return Response.json({ error: "Invalid API key" }, { status: 403 });
  }
  return Response.json({ scheme: authorization ? authorization.split(" ")[0] : "none" }, { status: 200 });
}
