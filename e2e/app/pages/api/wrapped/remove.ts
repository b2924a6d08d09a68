import type { NextApiRequest, NextApiResponse } from "next";
import { onlyMethod } from "../../../lib/methods";

function remove(req: NextApiRequest, res: NextApiResponse) {
  res.json({ removed: req.query.id ?? null });
}

export default onlyMethod("DELETE", remove);
