import type { NextApiRequest, NextApiResponse } from "next";
import { createRouter } from "next-connect";
import { z } from "zod";
import { getUser } from "@/lib/auth";
import { db } from "@/lib/db";

// Posts a user keeps, routed with next-connect 1.x.
const router = createRouter<NextApiRequest, NextApiResponse>();

const Bookmark = z.object({ postId: z.string().min(1) });

router
  .get(async (req, res) => {
    const user = await getUser(req);
    if (!user) {
      return res.status(401).json({ error: "Sign in first" });
    }
    const limit = Number(req.query.limit ?? 20);
    const posts = await db.post.findMany();
    res.status(200).json(posts.slice(0, limit));
  })
  .post(async (req, res) => {
    const parsed = Bookmark.safeParse(req.body);
    if (!parsed.success) {
      return res.status(400).json({ error: parsed.error.flatten() });
    }
    const post = await db.post.findUnique(parsed.data.postId);
    if (!post) {
      throw new Error(`no post ${parsed.data.postId}`);
    }
    res.status(201).json({ bookmarked: post.id });
  });

export default router.handler({
  onError(err, req, res) {
    console.error(err);
    res.status(500).json({ error: err instanceof Error ? err.message : "Something went wrong" });
  },
});
