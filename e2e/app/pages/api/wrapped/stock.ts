import type { NextApiRequest, NextApiResponse } from "next";
import { withApiKey, withServedBy } from "../../../lib/wrap";

async function handler(req: NextApiRequest, res: NextApiResponse) {
  switch (req.method) {
    case "GET":
      return res.json({ stock: 7 });
    case "POST":
      res.setHeader("X-Served-By", "stock");
      return res.status(201).json({ added: req.body?.count ?? 0 });
    default:
      res.status(405).end();
  }
}

export default withApiKey(withServedBy(handler));
