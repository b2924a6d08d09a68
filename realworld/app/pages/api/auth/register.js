import { db } from "../../../lib/db";
import { createUserSchema } from "../../../lib/schemas";
import { signToken } from "../../../lib/auth";

/**
 * @param {import("next").NextApiRequest} req
 * @param {import("next").NextApiResponse} res
 */
export default async function register(req, res) {
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    return res.status(405).json({ error: "Method not allowed" });
  }
  const parsed = createUserSchema.safeParse(req.body);
  if (!parsed.success) {
    return res.status(400).json({ error: "Invalid registration", issues: parsed.error.issues });
  }
  if (await db.user.findFirst({ email: parsed.data.email })) {
    return res.status(409).json({ error: "Email taken" });
  }
  const user = await db.user.create({ ...parsed.data, role: "user", createdAt: new Date().toISOString() });
  res.setHeader("Set-Cookie", `token=${signToken(user.id)}; Path=/; HttpOnly; SameSite=Lax`);
  res.status(201).json({ id: user.id, email: user.email });
}
