import type { NextApiRequest, NextApiResponse } from "next";

const pages: Record<string, string> = {
  "": "Welcome to the docs",
  "getting-started": "Install, then run.",
  "api/auth": "Authentication",
};

export default function docs(req: NextApiRequest, res: NextApiResponse) {
  const slug = (req.query.slug as string[] | undefined) ?? [];
  const key = slug.join("/");
  const page = pages[key];
  if (page === undefined) {
    return res.status(404).json({ error: "No such page", slug });
  }
  res.status(200).json({ slug, title: key || "index", content: page });
}
