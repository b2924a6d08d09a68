/** @param {import('next/server').NextRequest} req */
export async function POST(req) {
  const { say } = await req.json();
  if (!say) return Response.json({ error: "say what?" }, { status: 422 });
  return Response.json({ said: say });
}
