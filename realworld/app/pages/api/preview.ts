import type { NextApiRequest, NextApiResponse } from "next";

export default function preview(req: NextApiRequest, res: NextApiResponse) {
  const { secret, slug } = req.query;
  if (secret !== process.env.PREVIEW_SECRET || !slug) {
    return res.status(401).json({ message: "Invalid token" });
  }
  res.setDraftMode({ enable: true });
  res.redirect(`/posts/${slug}`);
}
