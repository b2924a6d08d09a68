export async function POST(req) {
  const { a, b } = await req.json();
  if (typeof a !== "number" || typeof b !== "number") {
    return Response.json({ error: "a and b must be numbers" }, { status: 400 });
  }
  return Response.json({ sum: a + b }, { status: 200 });
}
