import type { NextApiRequest, NextApiResponse } from "next";

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "POST") return res.status(405).json({ error: "Method Not Allowed" });
  res.setHeader("Set-Cookie", [
    "session=; Path=/; HttpOnly; Max-Age=0",
    "theme=light; Path=/; SameSite=Lax",
  ]);
  res.status(200).json({ loggedOut: true });
}
