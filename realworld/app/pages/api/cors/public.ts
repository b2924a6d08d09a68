import type { NextApiRequest, NextApiResponse } from "next";
import { cors, runMiddleware } from "@/lib/middleware";
import { db } from "@/lib/db";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  await runMiddleware(req, res, cors);
  const posts = await db.post.findMany();
  res.json({ count: posts.length, titles: posts.map((p) => p.title) });
}
