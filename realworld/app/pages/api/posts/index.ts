import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "@/lib/db";
import { withMethods } from "@/lib/withMethods";
import { getUser } from "@/lib/auth";
import { createPostSchema } from "@/lib/schemas";
import type { Post } from "@/lib/types";

export type PostsResponse = { posts: Post[] };

function slugify(title: string) {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === "GET") {
    const posts = await db.post.findMany();
    const body: PostsResponse = { posts: posts.filter((p) => p.publishedAt) };
    return res.status(200).json(body);
  }

  const user = await getUser(req);
  if (!user) return res.status(401).json({ error: "Sign in to post" });
  const input = createPostSchema.parse(req.body);
  const post = await db.post.create({
    slug: slugify(input.title),
    title: input.title,
    body: input.body,
    tags: input.tags,
    authorId: user.id,
    likes: 0,
    publishedAt: input.publish ? new Date().toISOString() : null,
  });
  res.status(201).json(post);
}

export default withMethods(["GET", "POST"], handler);
