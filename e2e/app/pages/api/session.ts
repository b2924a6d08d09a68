import type { NextApiRequest, NextApiResponse } from "next";

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return res.status(405).json({ error: "Method Not Allowed" });
  const session = req.cookies.session;
  if (!session) {
    return res.status(401).json({ loggedIn: false });
  }
  res.status(200).json({ loggedIn: true, session });
}
