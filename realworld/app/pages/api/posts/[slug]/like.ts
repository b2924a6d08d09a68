import type { NextApiResponse } from "next";
import { db } from "@/lib/db";
import { withAuth, type AuthedRequest } from "@/lib/withAuth";

async function like(req: AuthedRequest, res: NextApiResponse) {
  if (req.method !== "POST") {
    return res.status(405).json({ error: "POST only" });
  }
  const post = await db.post.findFirst({ slug: req.query.slug as string });
  if (!post) return res.status(404).json({ error: "Not found" });
  const updated = await db.post.update(post.id, { likes: post.likes + 1 });
  res.status(200).json({ likes: updated?.likes ?? post.likes, by: req.user.id });
}

export default withAuth(like);
