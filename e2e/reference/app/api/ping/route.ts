import type { NextRequest } from "next/server";

async function handler(req: NextRequest) {
  return new Response(null, { status: 204 });
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
