import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "@/lib/db";
import { requireUser } from "@/lib/auth";
import type { Order } from "@/lib/types";

export type OrderResponse = { order: Order };

export default async function order(req: NextApiRequest, res: NextApiResponse<OrderResponse | { error: string }>) {
  const user = await requireUser(req, res);
  if (!user) return;
  const order = await db.order.findUnique(req.query.id as string);
  if (!order || (order.userId !== user.id && user.role !== "admin")) {
    return res.status(404).json({ error: "Order not found" });
  }
  if (req.method === "DELETE") {
    if (order.status !== "pending") return res.status(409).json({ error: "Only pending orders can be cancelled" });
    const cancelled = await db.order.update(order.id, { status: "cancelled" });
    return res.status(200).json({ order: cancelled ?? order });
  }
  res.status(200).json({ order });
}
