import type { NextApiRequest, NextApiResponse } from "next";
import { track } from "@/lib/log";
import { getIp } from "@/lib/request";

type TrackBody = { event: string; props?: Record<string, unknown> };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "POST") {
    return res.status(405).end();
  }
  const { event, props } = req.body as TrackBody;
  if (!event) return res.status(400).json({ error: "event is required" });
  // Answer first; the beacon does not wait for the write.
  res.status(204).end();
  await track(event, { ...props, ip: getIp(req), ua: req.headers["user-agent"] });
}
