import type { NextApiRequest, NextApiResponse } from "next";

const POSTS = [
  { id: 1, title: "Intro to Go", tags: ["go", "intro"] },
  { id: 2, title: "Next.js routing", tags: ["next", "intro"] },
  { id: 3, title: "Go generics", tags: ["go"] },
];

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return res.status(405).json({ error: "Method Not Allowed" });
  const tags = Array.isArray(req.query.tag) ? req.query.tag : [req.query.tag];
  const posts = POSTS.filter((p) => tags.every((t) => p.tags.includes(t)));
  res.status(200).json({ tags, count: posts.length, posts: posts.map((p) => p.title) });
}
