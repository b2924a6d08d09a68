import type { NextRequest } from "next/server";

type Item = { id: string; name: string };
const items: Record<string, Item> = { a: { id: "a", name: "Apple" } };

async function load(id: string): Promise<Item> {
  const it = items[id];
  if (!it) throw new Error("no item " + id);
  return it;
}

export async function DELETE(req: NextRequest) {
  const id = String(req.nextUrl.searchParams.get("id") ?? undefined);
  return items[id] ? new Response(null, { status: 204 }) : Response.json({ error: "not found" }, { status: 404 });
}

async function other(req: NextRequest) {
  const id = String(req.nextUrl.searchParams.get("id") ?? undefined);
  let item: Item;
  try {
    item = await load(id);
  } catch {
    return Response.json({ error: "missing" }, { status: 404 });
  }
  return req.nextUrl.searchParams.get("short") ? Response.json({ name: item.name }) : Response.json(item);
}

export { other as GET, other as POST, other as PUT, other as PATCH };
