import type { NextApiRequest, NextApiResponse } from "next";
import { requireUser } from "@/lib/auth";
import { db } from "@/lib/db";

type CheckoutBody = { items: { sku: string; qty: number }[] };
const PRICES: Record<string, number> = { basic: 9, pro: 29, team: 99 };

export default async function checkout(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "POST") {
    res.setHeader("Allow", ["POST"]);
    return res.status(405).json({ error: "Method Not Allowed" });
  }
  const user = await requireUser(req, res);
  if (!user) return;

  const { items } = req.body as CheckoutBody;
  if (!Array.isArray(items) || items.length === 0) {
    return res.status(400).json({ error: "Cart is empty" });
  }
  const priced = items.map((i) => ({ ...i, price: PRICES[i.sku] ?? 0 }));
  const total = priced.reduce((sum, i) => sum + i.price * i.qty, 0);
  const order = await db.order.create({
    userId: user.id,
    items: priced,
    status: "pending",
    total,
    createdAt: new Date().toISOString(),
  });
  res.status(200).json({ orderId: order.id, url: `https://checkout.example.com/pay/${order.id}` });
}
