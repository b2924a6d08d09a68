import type { NextApiRequest, NextApiResponse } from "next";

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return res.status(405).json({ error: "Method Not Allowed" });
  const slug = (req.query.slug as string[]) || [];
  res.status(200).json({ path: "/" + slug.join("/"), parts: slug.length });
}
