import type { NextApiRequest, NextApiResponse } from "next";
import { withAuth } from "../../lib/with-auth";

function handler(req: NextApiRequest, res: NextApiResponse) {
  res.json({ ok: true });
}

export default withAuth(handler);
