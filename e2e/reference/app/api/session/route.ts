import type { NextRequest } from "next/server";

export async function GET(req: NextRequest) {
  const session = req.cookies.get("session")?.value;
  if (!session) {
    return Response.json({ loggedIn: false }, { status: 401 });
  }
  return Response.json({ loggedIn: true, session }, { status: 200 });
}
