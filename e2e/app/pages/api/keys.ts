import type { NextApiRequest, NextApiResponse } from "next";

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return res.status(405).json({ error: "Method Not Allowed" });
  const { "x-api-key": key, authorization } = req.headers;
  if (!key) {
    return res.status(401).json({ error: "x-api-key is required" });
  }
  if (key !== "secret-key") {
    return res.status(403).json({ error: "Invalid API key" });
  }
  res.status(200).json({ scheme: authorization ? authorization.split(" ")[0] : "none" });
}
