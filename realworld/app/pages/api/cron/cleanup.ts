import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "@/lib/db";

export const config = {
  maxDuration: 60,
};

export default async function cleanup(req: NextApiRequest, res: NextApiResponse) {
  const auth = req.headers.authorization;
  if (auth !== `Bearer ${process.env.CRON_SECRET}`) {
    return res.status(401).json({ success: false });
  }
  const orders = await db.order.findMany({ status: "pending" });
  const stale = orders.filter((o) => Date.now() - Date.parse(o.createdAt) > 24 * 3600 * 1000);
  await Promise.all(stale.map((o) => db.order.update(o.id, { status: "cancelled" })));
  res.status(200).json({ success: true, cancelled: stale.length });
}
