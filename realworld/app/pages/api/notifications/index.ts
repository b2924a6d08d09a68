import type { NextApiRequest, NextApiResponse } from "next";
import { rateLimit } from "@/lib/rateLimit";
import { requireUser } from "@/lib/auth";

const notifications = [
  { id: "n1", userId: "u1", text: "Welcome!", read: false },
  { id: "n2", userId: "u2", text: "You have a new follower", read: true },
];

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (!rateLimit(req, res, 30)) return;
  const user = await requireUser(req, res);
  if (!user) return;
  const unreadOnly = req.query.unread === "true";
  const list = notifications.filter((n) => n.userId === user.id && (!unreadOnly || !n.read));
  res.status(200).json({ notifications: list, unread: list.filter((n) => !n.read).length });
}
