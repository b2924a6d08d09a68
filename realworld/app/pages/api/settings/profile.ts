import type { NextApiRequest, NextApiResponse } from "next";
import { requireUser } from "@/lib/auth";
import { validate } from "@/lib/validate";
import { profileSchema } from "@/lib/schemas";
import { db } from "@/lib/db";

export default async function profile(req: NextApiRequest, res: NextApiResponse) {
  const user = await requireUser(req, res);
  if (!user) return;
  if (req.method === "GET") {
    return res.json({ name: user.name, email: user.email });
  }
  if (req.method !== "PUT") {
    return res.status(405).json({ error: "Method not allowed" });
  }
  const data = validate(profileSchema, req, res);
  if (!data) return;
  const updated = await db.user.update(user.id, { name: data.name ?? user.name });
  res.status(200).json({ name: updated?.name, bio: data.bio ?? null });
}
