import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "@/lib/db";
import { requireUser } from "@/lib/auth";
import { notFound, forbidden, noContent } from "@/lib/http";
import { updateUserSchema } from "@/lib/schemas";
import type { User } from "@/lib/types";

export type UserResponse = { user: User };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const id = req.query.id as string;
  const me = await requireUser(req, res);
  if (!me) return;

  const user = await db.user.findUnique(id);
  if (!user) return notFound(res, "User");

  if (req.method === "GET") {
    const body: UserResponse = { user };
    return res.status(200).json(body);
  }

  if (me.id !== id && me.role !== "admin") {
    return forbidden(res);
  }

  if (req.method === "PUT") {
    const data = updateUserSchema.parse(req.body);
    const updated = await db.user.update(id, data);
    return res.status(200).json({ user: updated });
  }

  if (req.method === "DELETE") {
    await db.user.delete(id);
    return noContent(res);
  }

  res.setHeader("Allow", ["GET", "PUT", "DELETE"]);
  res.status(405).end(`Method ${req.method} Not Allowed`);
}
