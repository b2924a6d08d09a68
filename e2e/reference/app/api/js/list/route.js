const ITEMS = Array.from({ length: 25 }, (_, i) => `item-${i + 1}`);

export async function GET(req) {
  const searchParams = req.nextUrl.searchParams;
  // Destructuring defaults applied only to undefined; get() gives null.
  const page = searchParams.get("page") ?? "1";
  const size = searchParams.get("size") ?? "10";
  const sort = searchParams.get("sort") ?? undefined;
  const p = parseInt(page, 10) || 1;
  const s = parseInt(size, 10) || 10;
  const items = ITEMS.slice((p - 1) * s, p * s);
  return Response.json({ page, size, sort, items }, { status: 200 });
}
