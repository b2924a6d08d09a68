export async function POST(req) {
  const text = await req.text();
  return Response.json({ upper: text.toUpperCase(), length: text.length });
}
