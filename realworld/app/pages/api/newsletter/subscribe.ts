import type { NextApiRequest, NextApiResponse } from "next";
import { z } from "zod";
import { getIp } from "@/lib/request";
import { track } from "@/lib/log";

const Body = z.object({ email: z.string().email(), list: z.string().default("weekly") });

export default async function subscribe(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    return res.status(405).json({ error: "Method not allowed" });
  }
  const body = Body.safeParse(req.body);
  if (!body.success) {
    return res.status(422).json({ error: body.error.issues[0]?.message ?? "invalid" });
  }
  res.status(202).json({ subscribed: body.data.email, list: body.data.list });
  await track("newsletter.subscribe", { ip: getIp(req), list: body.data.list });
}
