import type { NextApiRequest, NextApiResponse } from "next";
import { getIp } from "./request";

const hits = new Map<string, { count: number; reset: number }>();

/** rateLimit sets the X-RateLimit headers and answers 429 when over. */
export function rateLimit(req: NextApiRequest, res: NextApiResponse, limit = 60, windowMs = 60_000): boolean {
  const key = getIp(req);
  const now = Date.now();
  const entry = hits.get(key) ?? { count: 0, reset: now + windowMs };
  if (entry.reset < now) {
    entry.count = 0;
    entry.reset = now + windowMs;
  }
  entry.count++;
  hits.set(key, entry);
  res.setHeader("X-RateLimit-Limit", String(limit));
  res.setHeader("X-RateLimit-Remaining", String(Math.max(0, limit - entry.count)));
  if (entry.count > limit) {
    res.status(429).json({ error: "Too many requests" });
    return false;
  }
  return true;
}
