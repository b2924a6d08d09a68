import type { NextApiRequest, NextApiResponse } from "next";

let processed = 0;

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === "GET") {
    return res.status(200).json({ processed });
  }
  if (req.method !== "POST") return res.status(405).json({ error: "Method Not Allowed" });
  res.status(202).json({ accepted: true, processed });
  processed += 1;
  console.log("after", processed);
}
