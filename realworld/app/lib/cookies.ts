import type { NextApiResponse } from "next";

type CookieOptions = {
  maxAge?: number;
  path?: string;
  httpOnly?: boolean;
  sameSite?: "lax" | "strict" | "none";
  secure?: boolean;
};

function serialize(name: string, value: string, opts: CookieOptions = {}) {
  let cookie = `${name}=${encodeURIComponent(value)}; Path=${opts.path ?? "/"}`;
  if (opts.maxAge !== undefined) cookie += `; Max-Age=${opts.maxAge}`;
  if (opts.httpOnly ?? true) cookie += "; HttpOnly";
  if (opts.secure) cookie += "; Secure";
  cookie += `; SameSite=${opts.sameSite ?? "lax"}`;
  return cookie;
}

export function setCookie(res: NextApiResponse, name: string, value: string, opts?: CookieOptions) {
  const prev = res.getHeader("Set-Cookie");
  const list = Array.isArray(prev) ? prev : prev ? [String(prev)] : [];
  res.setHeader("Set-Cookie", [...list, serialize(name, value, opts)]);
}

export function clearCookie(res: NextApiResponse, name: string) {
  res.setHeader("Set-Cookie", serialize(name, "", { maxAge: 0 }));
}
