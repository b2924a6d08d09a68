import type { NextApiRequest, NextApiResponse } from "next";

export type Limit = { route: string; max: number };

// Complete on its own, but kept/quota.ts imports it and stays in pages/api:
// moving this route would break that import, so it stays too.
export default function handler(req: NextApiRequest, res: NextApiResponse<Limit>) {
  if (req.method !== "GET") return res.status(405).end();
  res.status(200).json({ route: "limits", max: 10 });
}
