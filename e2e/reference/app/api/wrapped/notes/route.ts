import type { NextRequest } from "next/server";

// withMethods(["GET", "POST"]) answered the other methods 405: Next.js does.
export async function GET(req: NextRequest) {
  return Response.json({ notes: ["a", "b"] });
}

export async function POST(req: NextRequest) {
  const body = await req.json();
  return Response.json({ created: body?.text ?? null }, { status: 201 });
}
