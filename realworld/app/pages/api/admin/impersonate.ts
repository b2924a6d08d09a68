import type { NextApiRequest, NextApiResponse } from "next";
import { requireRole, signToken } from "@/lib/auth";
import { setCookie } from "@/lib/cookies";
import { db } from "@/lib/db";

export default async function impersonate(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "POST") {
    return res.status(405).end();
  }
  const admin = await requireRole(req, res, "admin");
  if (!admin) return;
  const target = await db.user.findUnique(String(req.body.userId));
  if (!target) {
    return res.status(404).json({ error: "No such user" });
  }
  setCookie(res, "token", signToken(target.id), { maxAge: 3600 });
  setCookie(res, "impersonator", admin.id, { maxAge: 3600 });
  res.redirect(303, "/dashboard");
}
