import type { NextApiRequest, NextApiResponse } from "next";
import { getIronSession } from "iron-session";
import { sessionOptions, type SessionData } from "@/lib/session";

export default async function me(req: NextApiRequest, res: NextApiResponse<SessionData>) {
  const session = await getIronSession<SessionData>(req, res, sessionOptions);
  if (!session.isLoggedIn) {
    return res.json({ isLoggedIn: false });
  }
  res.json({ isLoggedIn: true, userId: session.userId, email: session.email });
}
