import type { NextApiResponse } from "next";
import { db } from "@/lib/db";
import { withRole } from "@/lib/withRole";
import { withMethods } from "@/lib/withMethods";
import type { AuthedRequest } from "@/lib/withAuth";

async function stats(_req: AuthedRequest, res: NextApiResponse) {
  const [users, posts, orders] = await Promise.all([db.user.count(), db.post.count(), db.order.count()]);
  res.setHeader("Cache-Control", "private, max-age=30");
  res.json({ users, posts, orders });
}

export default withMethods(["GET"], withRole("admin")(stats));
