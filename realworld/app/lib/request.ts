import type { NextApiRequest } from "next";

/** getIp returns the client address, behind a proxy or not. */
export function getIp(req: NextApiRequest): string {
  const fwd = req.headers["x-forwarded-for"];
  const first = Array.isArray(fwd) ? fwd[0] : fwd?.split(",")[0];
  return first?.trim() || req.socket.remoteAddress || "unknown";
}

/** parseBody returns the JSON body whether Next parsed it or not. */
export function parseBody<T = Record<string, unknown>>(req: NextApiRequest): T {
  if (typeof req.body === "string") {
    return JSON.parse(req.body) as T;
  }
  return (req.body ?? {}) as T;
}

/** queryString reads one value of a query parameter. */
export function queryString(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function queryNumber(value: string | string[] | undefined, fallback: number): number {
  const n = Number(queryString(value));
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function getPagination(req: NextApiRequest) {
  const page = queryNumber(req.query.page, 1);
  const pageSize = Math.min(queryNumber(req.query.pageSize, 20), 100);
  return { page, pageSize, skip: (page - 1) * pageSize };
}
