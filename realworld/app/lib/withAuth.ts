import type { NextApiHandler, NextApiRequest, NextApiResponse } from "next";
import { getUser } from "./auth";
import type { User } from "./types";

export type AuthedRequest = NextApiRequest & { user: User };
export type AuthedHandler<T = any> = (req: AuthedRequest, res: NextApiResponse<T>) => unknown | Promise<unknown>;

/** withAuth answers 401 unless signed in and hands the user on as req.user. */
export function withAuth<T = any>(handler: AuthedHandler<T>): NextApiHandler<T> {
  return async (req, res) => {
    const user = await getUser(req);
    if (!user) {
      return res.status(401).json({ error: "Unauthorized" } as T);
    }
    (req as AuthedRequest).user = user;
    return handler(req as AuthedRequest, res);
  };
}
