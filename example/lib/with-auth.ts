import type { NextApiHandler } from "next";
export const withAuth = (h: NextApiHandler): NextApiHandler => (req, res) =>
  req.headers.authorization ? h(req, res) : res.status(401).end();
