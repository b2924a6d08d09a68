import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/auth";
import { csvRow } from "@/lib/csv";

// Streams every order as CSV, one row at a time.
export default async function exportOrders(req: NextApiRequest, res: NextApiResponse) {
  const admin = await requireRole(req, res, "admin");
  if (!admin) return;

  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  res.setHeader("Content-Disposition", `attachment; filename="orders-${Date.now()}.csv"`);
  res.write(csvRow(["id", "user", "status", "total", "created"]));
  const orders = await db.order.findMany();
  for (const o of orders) {
    res.write(csvRow([o.id, o.userId, o.status, o.total.toFixed(2), o.createdAt]));
  }
  res.end();
}
