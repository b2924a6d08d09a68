import type { NextApiRequest, NextApiResponse } from "next";
import { requireKey } from "../../../lib/guard";
import { limit, setCookie } from "../../../lib/cookies";

// A header-setting guard, a guard that answers after it (its 401 carries
// X-Limit too), and a cookie helper called twice (two Set-Cookie headers).
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (!limit(req, res)) return;
  const who = requireKey(req, res);
  if (!who) return;
  setCookie(res, "session", who.owner, 3600);
  setCookie(res, "theme", "dark");
  res.status(200).json({ owner: who.owner });
}
