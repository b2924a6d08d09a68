import type { NextApiRequest, NextApiResponse } from "next";

const UPSTREAM = process.env.UPSTREAM_URL ?? "https://api.example.com";

export default async function proxy(req: NextApiRequest, res: NextApiResponse) {
  const path = (req.query.path as string[]).join("/");
  const url = new URL(`${UPSTREAM}/${path}`);
  for (const [k, v] of Object.entries(req.query)) {
    if (k !== "path" && typeof v === "string") url.searchParams.set(k, v);
  }
  const upstream = await fetch(url, {
    method: req.method,
    headers: { "content-type": "application/json", authorization: req.headers.authorization ?? "" },
    body: req.method === "GET" || req.method === "HEAD" ? undefined : JSON.stringify(req.body),
  });
  const text = await upstream.text();
  res.status(upstream.status);
  res.setHeader("content-type", upstream.headers.get("content-type") ?? "application/json");
  res.send(text);
}
