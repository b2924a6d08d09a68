import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "@/lib/db";
import { queryNumber } from "@/lib/request";

export default async function search(req: NextApiRequest, res: NextApiResponse) {
  const q = (req.query.q as string | undefined)?.toLowerCase() ?? "";
  const tags = req.query.tag ? ([] as string[]).concat(req.query.tag) : [];
  const limit = queryNumber(req.query.limit, 10);

  const posts = await db.post.findMany();
  const hits = posts
    .filter((p) => p.title.toLowerCase().includes(q) || p.body.toLowerCase().includes(q))
    .filter((p) => tags.every((t) => p.tags.includes(t)))
    .slice(0, limit);

  res.status(200).json({ q, tags, count: hits.length, hits });
}
