import type { NextApiRequest, NextApiResponse } from "next";
import { createHmac, timingSafeEqual } from "crypto";
import { db } from "./db";
import type { Role, User } from "./types";

const SECRET = process.env.AUTH_SECRET ?? "dev-secret-change-me";

export function signToken(userId: string): string {
  const sig = createHmac("sha256", SECRET).update(userId).digest("hex");
  return `${userId}.${sig}`;
}

export function verifyToken(token: string | undefined): string | null {
  if (!token) return null;
  const [userId, sig] = token.split(".");
  if (!userId || !sig) return null;
  const want = createHmac("sha256", SECRET).update(userId).digest("hex");
  if (want.length !== sig.length) return null;
  return timingSafeEqual(Buffer.from(want), Buffer.from(sig)) ? userId : null;
}

/** getUser reads the session cookie or a Bearer token and loads the user. */
export async function getUser(req: NextApiRequest): Promise<User | null> {
  const header = req.headers.authorization;
  const token = header?.startsWith("Bearer ") ? header.slice(7) : req.cookies["token"];
  const id = verifyToken(token);
  if (!id) return null;
  return db.user.findUnique(id);
}

/** requireUser answers 401 and returns null when nobody is signed in. */
export async function requireUser(req: NextApiRequest, res: NextApiResponse): Promise<User | null> {
  const user = await getUser(req);
  if (!user) {
    res.status(401).json({ error: "Not signed in" });
    return null;
  }
  return user;
}

export async function requireRole(req: NextApiRequest, res: NextApiResponse, role: Role) {
  const user = await requireUser(req, res);
  if (!user) return null;
  if (user.role !== role && user.role !== "owner") {
    res.status(403).json({ error: `Requires role ${role}` });
    return null;
  }
  return user;
}
