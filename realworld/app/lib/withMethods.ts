import type { NextApiHandler } from "next";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export function withMethods(methods: Method[], handler: NextApiHandler): NextApiHandler {
  return async (req, res) => {
    if (!req.method || !methods.includes(req.method as Method)) {
      res.setHeader("Allow", methods);
      return res.status(405).json({ error: `Method ${req.method} not allowed` });
    }
    return handler(req, res);
  };
}
