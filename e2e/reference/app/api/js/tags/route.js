export async function GET(req) {
  const ids = req.nextUrl.searchParams.has("id") ? req.nextUrl.searchParams.getAll("id") : [undefined];
  return Response.json({ ids, first: ids[0], n: ids.length }, { status: 200 });
}
