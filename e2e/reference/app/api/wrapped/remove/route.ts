import type { NextRequest } from "next/server";

export function DELETE(req: NextRequest) {
  return Response.json({ removed: req.nextUrl.searchParams.get("id") ?? null });
}

// onlyMethod("DELETE") answered the other methods 404.
export function GET(req: NextRequest) {
  return Response.json({ error: "Not found", method: req.method }, { status: 404 });
}

export { GET as POST, GET as PUT, GET as PATCH };
