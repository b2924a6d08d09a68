import type { NextApiRequest, NextApiResponse } from "next";
import { getSession } from "@/lib/session";
import { clearCookie } from "@/lib/cookies";

export default async function logout(req: NextApiRequest, res: NextApiResponse) {
  const session = await getSession(req, res);
  session.destroy();
  clearCookie(res, "token");
  res.redirect(302, "/");
}
