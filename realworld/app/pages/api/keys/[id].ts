import type { NextApiResponse } from "next";
import { db } from "@/lib/db";
import { withAuth, type AuthedRequest } from "@/lib/withAuth";
import { withMethods } from "@/lib/withMethods";
import { notFound, noContent } from "@/lib/http";

async function revoke(req: AuthedRequest, res: NextApiResponse) {
  const key = await db.apiKey.findUnique(req.query.id as string);
  if (!key || key.userId !== req.user.id) return notFound(res, "API key");
  await db.apiKey.delete(key.id);
  return noContent(res);
}

export default withMethods(["DELETE"], withAuth(revoke));
