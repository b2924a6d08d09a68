import { db } from "@/lib/db";
import { track } from "@/lib/log";

/**
 * @param {import("next").NextApiRequest} req
 * @param {import("next").NextApiResponse} res
 */
export default async function digest(req, res) {
  if (req.headers.authorization !== `Bearer ${process.env.CRON_SECRET}`) {
    return res.status(401).end("Unauthorized");
  }
  const users = await db.user.findMany();
  for (const user of users) {
    await track("digest.queued", { userId: user.id });
  }
  res.status(200).json({ queued: users.length });
}
