import type { NextApiRequest, NextApiResponse } from "next";
import { validate, schema } from "../../lib/validate";
import { getUserByEmail, checkPassword, createToken } from "../../lib/auth";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "POST") return res.status(405).json({ error: "Method Not Allowed" });
  const result = validate(req.body, schema);
  if (!result.success) return res.status(400).json({ error: result.error });
  const { email, password } = req.body;
  const user = await getUserByEmail(email);
  if (!user || !checkPassword(user, password))
    return res.status(401).json({ error: "Invalid email or password" });
  const token = createToken(user);
  res.cookie("token", token, { httpOnly: true });
  return res.status(200).end();
}
