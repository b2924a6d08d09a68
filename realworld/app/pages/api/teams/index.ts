import { db } from "@/lib/db";
import { withAuth } from "@/lib/withAuth";
import { ok, created, badRequest } from "@/lib/http";

export default withAuth(async (req, res) => {
  if (req.method === "POST") {
    const name = typeof req.body?.name === "string" ? req.body.name.trim() : "";
    if (!name) return badRequest(res, "name is required");
    const team = await db.team.create({ name, ownerId: req.user.id, members: [{ userId: req.user.id, role: "owner" }] });
    return created(res, team);
  }
  const teams = await db.team.findMany();
  return ok(res, teams.filter((t) => t.members.some((m) => m.userId === req.user.id)));
});
