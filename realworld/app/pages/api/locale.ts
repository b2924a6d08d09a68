import type { NextApiRequest, NextApiResponse } from "next";
import { setCookie } from "@/lib/cookies";

const LOCALES = ["en", "de", "fr", "ja"];

export default function locale(req: NextApiRequest, res: NextApiResponse) {
  const lang = String(req.query.lang ?? "en");
  if (!LOCALES.includes(lang)) {
    return res.status(400).json({ error: `Unsupported locale ${lang}` });
  }
  setCookie(res, "NEXT_LOCALE", lang, { maxAge: 60 * 60 * 24 * 365, httpOnly: false });
  const back = typeof req.query.redirect === "string" ? req.query.redirect : "/";
  res.redirect(back);
}
