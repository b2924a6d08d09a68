import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "@/lib/db";
import type { Post } from "@/lib/types";

export default async function userPosts(req: NextApiRequest, res: NextApiResponse<Post[] | { error: string }>) {
  const { id, published } = req.query;
  if (typeof id !== "string") {
    return res.status(400).json({ error: "bad id" });
  }
  let posts = await db.post.findMany({ authorId: id });
  if (published === "true") {
    posts = posts.filter((p) => p.publishedAt !== null);
  }
  res.setHeader("Cache-Control", "public, s-maxage=60, stale-while-revalidate=300");
  res.status(200).json(posts);
}
