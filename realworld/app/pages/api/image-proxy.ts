import type { NextApiRequest, NextApiResponse } from "next";

const ALLOWED = ["images.example.com", "cdn.example.com"];

export default async function imageProxy(req: NextApiRequest, res: NextApiResponse) {
  const { url } = req.query;
  if (typeof url !== "string") {
    return res.status(400).json({ error: "url is required" });
  }
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return res.status(400).json({ error: "invalid url" });
  }
  if (!ALLOWED.includes(target.hostname)) {
    return res.status(403).json({ error: "host not allowed" });
  }
  const upstream = await fetch(target);
  if (!upstream.ok) return res.status(502).json({ error: `upstream ${upstream.status}` });
  const buf = Buffer.from(await upstream.arrayBuffer());
  res.setHeader("Content-Type", upstream.headers.get("content-type") ?? "application/octet-stream");
  res.setHeader("Cache-Control", "public, max-age=86400, immutable");
  res.send(buf);
}
