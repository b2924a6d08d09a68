import type { NextRequest } from "next/server";

function handler(req: NextRequest) {
  const headers = new Headers({ "X-Limit": "10" });
  if (req.headers.get("x-over") === "1") {
    return Response.json({ error: "slow down" }, { status: 429, headers });
  }
  if (req.headers.get("x-api-key") !== "secret") {
    return Response.json({ error: "missing or wrong API key" }, { status: 401, headers });
  }
  headers.append("Set-Cookie", "session=ada; Path=/; HttpOnly; Max-Age=3600");
  headers.append("Set-Cookie", "theme=dark; Path=/; HttpOnly");
  return Response.json({ owner: "ada" }, { headers });
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
