import type { NextApiRequest, NextApiResponse } from "next";

const handler = async (req: NextApiRequest, res: NextApiResponse) => {
  if (req.method !== "GET") {
    return res.status(405).json({ message: "Only GET requests allowed" });
  }
  res.status(200).json({ message: "arrow handler", ok: true });
};

export default handler;
