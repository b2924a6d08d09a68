import type { NextApiRequest, NextApiResponse } from "next";
import { getUser } from "@/lib/auth";
import { unauthorized, ok } from "@/lib/http";

type Project = { id: string; name: string; ownerId: string; archived: boolean };
const projects: Project[] = [{ id: "pr1", name: "Website", ownerId: "u1", archived: false }];

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const user = await getUser(req);
  if (!user) return unauthorized(res);

  const includeArchived = req.query.archived === "1";
  const mine = projects.filter((p) => p.ownerId === user.id && (includeArchived || !p.archived));
  return ok(res, { projects: mine });
}
