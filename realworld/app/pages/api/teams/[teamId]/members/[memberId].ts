import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "@/lib/db";
import { requireUser } from "@/lib/auth";

export default async function member(req: NextApiRequest, res: NextApiResponse) {
  const { teamId, memberId } = req.query as { teamId: string; memberId: string };
  const user = await requireUser(req, res);
  if (!user) return;
  const team = await db.team.findUnique(teamId);
  if (!team) return res.status(404).json({ error: "team not found" });
  const member = team.members.find((m) => m.userId === memberId);
  if (!member) return res.status(404).json({ error: "member not found" });

  if (req.method === "DELETE") {
    if (team.ownerId !== user.id) return res.status(403).json({ error: "forbidden" });
    await db.team.update(teamId, { members: team.members.filter((m) => m.userId !== memberId) });
    return res.status(204).end();
  }
  return res.status(200).json(member);
}
