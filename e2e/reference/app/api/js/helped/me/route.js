/** @param {import('next/server').NextRequest} req */
export async function GET(req) {
  const auth = req.headers.get("authorization");
  if (!auth || !auth.startsWith("Bearer ")) {
    return Response.json({ error: "no token" }, { status: 401 });
  }
  return Response.json({ token: auth.slice(7) });
}
