import type { NextApiRequest, NextApiResponse } from "next";
import { createHmac, timingSafeEqual } from "crypto";

export const config = { api: { bodyParser: false } };

async function readBody(req: NextApiRequest): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export default async function github(req: NextApiRequest, res: NextApiResponse) {
  const body = await readBody(req);
  const sig = (req.headers["x-hub-signature-256"] as string) ?? "";
  const mac = "sha256=" + createHmac("sha256", process.env.GITHUB_WEBHOOK_SECRET ?? "").update(body).digest("hex");
  if (sig.length !== mac.length || !timingSafeEqual(Buffer.from(sig), Buffer.from(mac))) {
    return res.status(401).json({ error: "signature mismatch" });
  }
  const event = req.headers["x-github-event"];
  const payload = JSON.parse(body);
  if (event === "ping") {
    return res.status(200).json({ pong: true, zen: payload.zen });
  }
  res.status(202).json({ event, action: payload.action ?? null });
}
