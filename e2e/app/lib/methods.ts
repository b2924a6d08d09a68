import type { NextApiHandler, NextApiRequest, NextApiResponse } from "next";

// withMethods lets only the given methods reach the handler and answers the
// others 405, with an Allow header and a JSON error.
export function withMethods(methods: string[], handler: NextApiHandler): NextApiHandler {
  return async (req: NextApiRequest, res: NextApiResponse) => {
    if (!methods.includes(req.method!)) {
      res.setHeader("Allow", methods.join(", "));
      return res.status(405).json({ error: `Method ${req.method} not allowed` });
    }
    return handler(req, res);
  };
}

// onlyMethod lets one method through and answers the others 404.
export function onlyMethod(method: string, handler: NextApiHandler): NextApiHandler {
  return (req, res) => {
    if (req.method !== method) {
      return res.status(404).json({ error: "Not found", method: req.method });
    }
    return handler(req, res);
  };
}
