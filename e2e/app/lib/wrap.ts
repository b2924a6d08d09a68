import type { NextApiHandler } from "next";

// withApiKey answers 401 unless the request carries the API key.
export function withApiKey(handler: NextApiHandler): NextApiHandler {
  return async (req, res) => {
    if (req.headers["x-api-key"] !== "k1") {
      return res.status(401).json({ error: "missing or wrong API key" });
    }
    return handler(req, res);
  };
}

// withServedBy tags the answer with X-Served-By, unless the handler sets
// its own.
export function withServedBy(handler: NextApiHandler): NextApiHandler {
  return async (req, res) => {
    res.setHeader("X-Served-By", "wrapped");
    return handler(req, res);
  };
}
