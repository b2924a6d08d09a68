import type { NextApiRequest, NextApiResponse } from "next";
import { getIronSession } from "iron-session";
import { db } from "@/lib/db";
import { loginSchema } from "@/lib/schemas";
import { sessionOptions, type SessionData } from "@/lib/session";
import { signToken } from "@/lib/auth";
import { setCookie } from "@/lib/cookies";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    return res.status(405).end("Method Not Allowed");
  }

  const parsed = loginSchema.safeParse(req.body);
  if (!parsed.success) {
    return res.status(400).json({ error: "Invalid credentials", issues: parsed.error.flatten().fieldErrors });
  }

  const user = await db.user.findFirst({ email: parsed.data.email });
  if (!user) {
    return res.status(401).json({ error: "Invalid credentials" });
  }

  const session = await getIronSession<SessionData>(req, res, sessionOptions);
  session.userId = user.id;
  session.email = user.email;
  session.isLoggedIn = true;
  await session.save();

  setCookie(res, "token", signToken(user.id), { maxAge: 60 * 60 * 24 * 7 });
  res.status(200).json({ id: user.id, email: user.email, name: user.name });
}
