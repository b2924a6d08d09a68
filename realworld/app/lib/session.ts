import type { NextApiRequest, NextApiResponse } from "next";
import { getIronSession, type SessionOptions } from "iron-session";

export interface SessionData {
  userId?: string;
  email?: string;
  isLoggedIn: boolean;
  cart?: { sku: string; qty: number }[];
}

export const sessionOptions: SessionOptions = {
  password: process.env.SESSION_PASSWORD ?? "complex_password_at_least_32_characters_long",
  cookieName: "rw_session",
  cookieOptions: {
    secure: process.env.NODE_ENV === "production",
  },
};

export function getSession(req: NextApiRequest, res: NextApiResponse) {
  return getIronSession<SessionData>(req, res, sessionOptions);
}
