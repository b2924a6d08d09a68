import { z } from "zod";
import { db } from "@/lib/db";
import { withAuth } from "@/lib/withAuth";
import { sendError } from "@/lib/http";

const Invite = z.object({
  email: z.string().email(),
  role: z.enum(["user", "admin"]).default("user"),
});

export default withAuth(async function invite(req, res) {
  if (req.method !== "POST") {
    return sendError(res, 405, "Method not allowed");
  }
  const team = await db.team.findUnique(req.query.teamId as string);
  if (!team) return sendError(res, 404, "Team not found");
  if (team.ownerId !== req.user.id) return sendError(res, 403, "Only the owner can invite");

  const parsed = Invite.safeParse(req.body);
  if (!parsed.success) return sendError(res, 400, "Invalid invite", parsed.error.flatten());

  const invitee = await db.user.findFirst({ email: parsed.data.email });
  if (!invitee) return sendError(res, 404, "No user with that email");
  await db.team.update(team.id, { members: [...team.members, { userId: invitee.id, role: parsed.data.role }] });
  res.status(201).json({ invited: invitee.email, team: team.name });
});
