import type { NextRequest } from "next/server";

// withApiKey(withServedBy(handler)), written out
export function GET(req: NextRequest) {
  if (req.headers.get("x-api-key") !== "k1") {
    return Response.json({ error: "missing or wrong API key" }, { status: 401 });
  }
  return Response.json({ stock: 7 }, { headers: { "X-Served-By": "wrapped" } });
}

export async function POST(req: NextRequest) {
  if (req.headers.get("x-api-key") !== "k1") {
    return Response.json({ error: "missing or wrong API key" }, { status: 401 });
  }
  const body = await req.json();
  return Response.json({ added: body?.count ?? 0 }, { status: 201, headers: { "X-Served-By": "stock" } });
}
