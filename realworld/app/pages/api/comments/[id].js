import { db } from "@/lib/db";
import { requireUser } from "@/lib/auth";

/** @type {import('next').NextApiHandler} */
const handler = async (req, res) => {
  const id = /** @type {string} */ (req.query.id);
  const comment = await db.comment.findUnique(id);
  if (!comment) return res.status(404).json({ error: "Comment not found" });

  if (req.method === "DELETE") {
    const user = await requireUser(req, res);
    if (!user) return;
    if (user.id !== comment.authorId && user.role !== "admin") {
      return res.status(403).json({ error: "Not your comment" });
    }
    await db.comment.delete(id);
    return res.status(204).end();
  }
  return res.status(200).json(comment);
};

export default handler;
