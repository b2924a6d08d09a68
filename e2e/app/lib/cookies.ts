import type { NextApiRequest, NextApiResponse } from "next";

// setCookie adds a cookie to those the response sets already (read back
// with getHeader, set again as an array: one Set-Cookie header each).
export function setCookie(res: NextApiResponse, name: string, value: string, maxAge?: number) {
  const prev = res.getHeader("Set-Cookie");
  const list = Array.isArray(prev) ? prev : prev ? [String(prev)] : [];
  let cookie = `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly`;
  if (maxAge !== undefined) cookie += `; Max-Age=${maxAge}`;
  res.setHeader("Set-Cookie", [...list, cookie]);
}

// limit sets X-Limit on every call and answers 429 (handing back false)
// when the client says it is over.
export function limit(req: NextApiRequest, res: NextApiResponse): boolean {
  res.setHeader("X-Limit", "10");
  if (req.headers["x-over"] === "1") {
    res.status(429).json({ error: "slow down" });
    return false;
  }
  return true;
}
