import type { NextApiRequest, NextApiResponse } from "next";

const USERS = [{ email: "ada@example.com", password: "hunter2" }];

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "POST") return res.status(405).json({ error: "Method Not Allowed" });
  const { email, password } = req.body;
  if (!email || !password) return res.status(400).json({ error: "email and password are required" });
  const user = USERS.find((u) => u.email === email);
  if (!user || user.password !== password)
    return res.status(401).json({ error: "Invalid email or password" });
  return res.status(200).end();
}
