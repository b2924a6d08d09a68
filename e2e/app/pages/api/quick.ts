import type { NextApiRequest, NextApiResponse } from "next";

export default (req: NextApiRequest, res: NextApiResponse) => res.status(200).json({ ok: true, method: req.method });
