import type { NextRequest } from "next/server";
import { decode } from "querystring";

// pages parsed the urlencoded body with querystring's decode into req.body (any).
export async function POST(req: NextRequest) {
  const { SAMLResponse, RelayState } = decode(await req.text()) as Record<string, any>;
  if (!SAMLResponse) return Response.json({ error: "missing SAMLResponse" }, { status: 400 });
  return new Response(null, { status: 302, headers: { Location: RelayState || "/" } });
}
