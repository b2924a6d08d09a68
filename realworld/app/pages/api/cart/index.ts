import type { NextApiRequest, NextApiResponse } from "next";
import { getIronSession } from "iron-session";
import { sessionOptions, type SessionData } from "@/lib/session";

export default async function cart(req: NextApiRequest, res: NextApiResponse) {
  const session = await getIronSession<SessionData>(req, res, sessionOptions);
  const items = session.cart ?? [];
  if (req.method === "POST") {
    const { sku, qty = 1 } = req.body as { sku?: string; qty?: number };
    if (!sku) return res.status(400).json({ error: "sku is required" });
    const existing = items.find((i) => i.sku === sku);
    if (existing) existing.qty += qty;
    else items.push({ sku, qty });
    session.cart = items;
    await session.save();
    return res.status(200).json({ items });
  }
  if (req.method === "DELETE") {
    session.cart = [];
    await session.save();
    return res.status(204).end();
  }
  res.status(200).json({ items });
}
