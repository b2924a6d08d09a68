import type { NextApiRequest, NextApiResponse } from "next";
import type { Limit } from "./limits";

// Reads the socket, which a route handler has not: routemod marks it, so this
// route stays, and kept/limits.ts, whose type it imports, stays with it.
export default function handler(req: NextApiRequest, res: NextApiResponse<Limit>) {
  if (req.method !== "GET") return res.status(405).end();
  res.status(200).json({ route: "quota", max: req.socket.remoteAddress ? 5 : 0 });
}
