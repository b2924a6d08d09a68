import type { NextApiHandler } from "next";
import { getUser } from "./auth";
import type { AuthedHandler, AuthedRequest } from "./withAuth";
import type { Role } from "./types";

/** withRole("admin")(handler) lets only that role (or the owner) through. */
export const withRole =
  (role: Role) =>
  (handler: AuthedHandler): NextApiHandler =>
  async (req, res) => {
    const user = await getUser(req);
    if (!user) return res.status(401).json({ error: "Unauthorized" });
    if (user.role !== role && user.role !== "owner") {
      return res.status(403).json({ error: "Forbidden" });
    }
    (req as AuthedRequest).user = user;
    return handler(req as AuthedRequest, res);
  };
