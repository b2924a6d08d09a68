import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "@/lib/db";
import { notFound, ok } from "@/lib/http";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { slug } = req.query;
  const post = await db.post.findFirst({ slug: String(slug) });
  if (!post || !post.publishedAt) {
    return notFound(res, "Post");
  }
  return ok(res, post);
}
