export async function POST(req) {
  const { user } = await req.json();
  const headers = new Headers();
  headers.append("Set-Cookie", `user=${encodeURIComponent(user)}; Path=/; HttpOnly`);
  headers.append("Set-Cookie", "seen=1; Path=/; Max-Age=600");
  return Response.json({ ok: true, user }, { status: 200, headers });
}
