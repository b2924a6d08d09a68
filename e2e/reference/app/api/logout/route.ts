import type { NextRequest } from "next/server";

export async function POST(req: NextRequest) {
  const headers = new Headers();
  for (const cookie of [
    "session=; Path=/; HttpOnly; Max-Age=0",
    "theme=light; Path=/; SameSite=Lax",
  ]) headers.append("Set-Cookie", cookie);
  return Response.json({ loggedOut: true }, { status: 200, headers });
}
