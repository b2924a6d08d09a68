import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "@/lib/db";

const SITE = process.env.SITE_URL ?? "https://example.com";

export default async function sitemap(_req: NextApiRequest, res: NextApiResponse) {
  const posts = await db.post.findMany();
  res.setHeader("Content-Type", "text/xml");
  res.write('<?xml version="1.0" encoding="UTF-8"?>\n');
  res.write('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n');
  for (const post of posts) {
    res.write(`  <url><loc>${SITE}/posts/${post.slug}</loc></url>\n`);
  }
  res.write("</urlset>\n");
  res.end();
}
