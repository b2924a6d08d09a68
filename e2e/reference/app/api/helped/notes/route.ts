import type { NextRequest } from "next/server";

function unauthorized() {
  return Response.json({ error: "missing or wrong API key" }, { status: 401 });
}

export async function GET(req: NextRequest) {
  if (req.headers.get("x-api-key") !== "secret") return unauthorized();
  return Response.json({ notes: [], owner: "ada" }, { headers: { "Cache-Control": "no-store" } });
}

export async function POST(req: NextRequest) {
  if (req.headers.get("x-api-key") !== "secret") return unauthorized();
  const { text } = await req.json();
  if (typeof text !== "string" || text === "") {
    return Response.json({ error: "text is required" }, { status: 400 });
  }
  return Response.json({ saved: text, by: "ada" }, { headers: { "Cache-Control": "no-store" } });
}
