/**
 * Greets by name.
 * @param {import('next/server').NextRequest} req
 */
export async function GET(req) {
  const name = req.nextUrl.searchParams.get("name");
  return name ? Response.json({ hello: name }) : Response.json({ error: "name?" }, { status: 400 });
}
