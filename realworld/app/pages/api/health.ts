import type { NextApiRequest, NextApiResponse } from "next";

export type HealthResponse = { status: "ok"; uptime: number };

export default function handler(_req: NextApiRequest, res: NextApiResponse<HealthResponse>) {
  res.status(200).json({ status: "ok", uptime: process.uptime() });
}
