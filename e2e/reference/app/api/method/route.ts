import type { NextRequest } from "next/server";

async function handler(req: NextRequest) {
  return Response.json({ method: req.method }, { status: 200 });
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
