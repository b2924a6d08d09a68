import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "@/lib/db";
import { getUser } from "@/lib/auth";
import { getPagination } from "@/lib/request";
import type { Order } from "@/lib/types";

const STATUSES: Order["status"][] = ["pending", "paid", "refunded", "cancelled"];

export default async function orders(req: NextApiRequest, res: NextApiResponse) {
  const user = await getUser(req);
  if (!user) return res.status(401).json({ error: "Unauthorized" });
  const { page, pageSize, skip } = getPagination(req);
  const statusParam = req.query.status;
  const statuses = (Array.isArray(statusParam) ? statusParam : statusParam ? [statusParam] : STATUSES).filter(
    (s): s is Order["status"] => (STATUSES as string[]).includes(s),
  );
  const all = (await db.order.findMany({ userId: user.id })).filter((o) => statuses.includes(o.status));
  res.status(200).json({ items: all.slice(skip, skip + pageSize), page, pageSize, total: all.length });
}
