import type { NextApiRequest, NextApiResponse } from "next";

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return res.status(405).json({ error: "Method Not Allowed" });
  const auth = req.headers.authorization;
  if (!auth || !auth.startsWith("Bearer ")) {
    return res.status(401).json({ error: "Missing bearer token" });
  }
  if (req.headers["x-api-key"] !== "secret-key") {
    return res.status(403).json({ error: "Invalid API key" });
  }
  res.status(200).json({ token: auth.slice("Bearer ".length), agent: req.headers["user-agent"] });
}
