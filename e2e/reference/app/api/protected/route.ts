import type { NextRequest } from "next/server";

export async function GET(req: NextRequest) {
  const auth = req.headers.get("authorization");
  if (!auth || !auth.startsWith("Bearer ")) {
    return Response.json({ error: "Missing bearer token" }, { status: 401 });
  }
  if (req.headers.get("x-api-key") !== "secret-key") {
    return Response.json({ error: "Invalid API key" }, { status: 403 });
  }
  return Response.json({ token: auth.slice("Bearer ".length), agent: req.headers.get("user-agent") }, { status: 200 });
}
