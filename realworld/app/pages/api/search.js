import { db } from "../../lib/db";

/**
 * @param {import('next').NextApiRequest} req
 * @param {import('next').NextApiResponse} res
 */
export default async function handler(req, res) {
  const { q = "", type = "post" } = req.query;
  const term = String(q).toLowerCase();
  if (type === "user") {
    const users = await db.user.findMany();
    return res.status(200).json(users.filter((u) => u.name.toLowerCase().includes(term)));
  }
  const posts = await db.post.findMany();
  res.status(200).json(posts.filter((p) => p.title.toLowerCase().includes(term)));
}
