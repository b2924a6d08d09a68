import type { NextApiRequest, NextApiResponse } from "next";
import { withApiKey } from "../../../lib/wrap";

function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return res.status(405).end();
  res.json({ secret: 42 });
}

export default withApiKey(handler);
