import type { NextApiResponse } from "next";
import type { ApiError } from "./types";

export function ok<T>(res: NextApiResponse, data: T) {
  return res.status(200).json(data);
}

export function created<T>(res: NextApiResponse, data: T) {
  return res.status(201).json(data);
}

export function noContent(res: NextApiResponse) {
  return res.status(204).end();
}

export function sendError(res: NextApiResponse<ApiError>, status: number, message: string, details?: unknown) {
  return res.status(status).json({ error: message, details });
}

export function badRequest(res: NextApiResponse, message = "Bad request") {
  return sendError(res, 400, message);
}

export function unauthorized(res: NextApiResponse) {
  return res.status(401).json({ error: "Unauthorized" });
}

export function forbidden(res: NextApiResponse) {
  res.status(403).json({ error: "Forbidden" });
}

export function notFound(res: NextApiResponse, what = "Resource") {
  return res.status(404).json({ error: `${what} not found` });
}

export function methodNotAllowed(res: NextApiResponse, allowed: string[]) {
  res.setHeader("Allow", allowed);
  return res.status(405).json({ error: `Method not allowed` });
}
