export async function GET(req) {
  const theme = req.cookies.get("theme")?.value || "system";
  return Response.json({ theme }, { status: 200 });
}

export async function POST(req) {
  const body = await req.json();
  const theme = body.theme;
  const headers = new Headers();
  headers.append("Set-Cookie", `theme=${theme}; Path=/; Max-Age=3600`);
  return Response.json({ theme }, { status: 200, headers });
}
