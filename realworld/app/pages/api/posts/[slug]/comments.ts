import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "@/lib/db";
import { requireUser } from "@/lib/auth";
import { commentSchema } from "@/lib/schemas";
import { validate } from "@/lib/validate";

export default async function comments(req: NextApiRequest, res: NextApiResponse) {
  const slug = req.query.slug as string;
  const post = await db.post.findFirst({ slug });
  if (!post) return res.status(404).json({ error: "Post not found" });

  switch (req.method) {
    case "GET": {
      const list = await db.comment.findMany({ postId: post.id });
      return res.json(list);
    }
    case "POST": {
      const user = await requireUser(req, res);
      if (!user) return;
      const input = validate(commentSchema, req, res);
      if (!input) return;
      const comment = await db.comment.create({
        postId: post.id,
        authorId: user.id,
        body: input.body,
        createdAt: new Date().toISOString(),
      });
      return res.status(201).json(comment);
    }
    default:
      res.setHeader("Allow", ["GET", "POST"]);
      return res.status(405).json({ error: "Method not allowed" });
  }
}
