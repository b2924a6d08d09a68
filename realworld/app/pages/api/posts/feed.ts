import { db } from "@/lib/db";
import { withAuth } from "@/lib/withAuth";
import { withErrorHandler } from "@/lib/withErrorHandler";

export default withErrorHandler(
  withAuth(async function feed(req, res) {
    const posts = await db.post.findMany();
    const mine = posts.filter((p) => p.authorId !== req.user.id);
    res.status(200).json({ items: mine.slice(0, 20) });
  }),
);
