import type { NextApiRequest, NextApiResponse } from "next";

// requireKey answers 401 (and hands back null) unless the request carries
// the API key; else it hands back who the key belongs to.
export function requireKey(req: NextApiRequest, res: NextApiResponse) {
  const key = req.headers["x-api-key"];
  if (key !== "secret") {
    res.status(401).json({ error: "missing or wrong API key" });
    return null;
  }
  return { owner: "ada", scopes: ["read", "write"] };
}
