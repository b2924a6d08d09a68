import type { NextApiRequest, NextApiResponse } from "next";
import type { Limit } from "./limits";

// Imports another route: routemod marks that import, so this route stays.
export default function handler(req: NextApiRequest, res: NextApiResponse<Limit>) {
  if (req.method !== "GET") return res.status(405).end();
  res.status(200).json({ route: "quota", max: 5 });
}
