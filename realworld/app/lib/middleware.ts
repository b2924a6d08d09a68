import type { NextApiRequest, NextApiResponse } from "next";
import Cors from "cors";

export const cors = Cors({
  methods: ["GET", "HEAD", "POST", "OPTIONS"],
  origin: "*",
});

// runMiddleware waits for a connect-style middleware to finish, as in the
// Next.js API routes docs.
export function runMiddleware(
  req: NextApiRequest,
  res: NextApiResponse,
  fn: (req: any, res: any, next: (result: unknown) => void) => void,
) {
  return new Promise((resolve, reject) => {
    fn(req, res, (result: unknown) => {
      if (result instanceof Error) {
        return reject(result);
      }
      return resolve(result);
    });
  });
}
