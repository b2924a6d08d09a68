import type { NextApiRequest, NextApiResponse } from "next";

type Item = { id: string; name: string };
const items: Record<string, Item> = { a: { id: "a", name: "Apple" } };

async function load(id: string): Promise<Item> {
  const it = items[id];
  if (!it) throw new Error("no item " + id);
  return it;
}

// sends in both branches of a conditional expression; a variable assigned in a try whose catch returns
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const id = String(req.query.id);
  if (req.method === "DELETE") {
    return items[id] ? res.status(204).end() : res.status(404).json({ error: "not found" });
  }
  let item: Item;
  try {
    item = await load(id);
  } catch {
    return res.status(404).json({ error: "missing" });
  }
  return req.query.short ? res.status(200).json({ name: item.name }) : res.json(item);
}
