import type { NextApiResponse } from "next";

// sendError answers { error: message } with status; routes hand it their res.
export function sendError(res: NextApiResponse, status: number, message: string) {
  res.status(status).json({ error: message });
}

export function ok(res: NextApiResponse, data: unknown) {
  res.setHeader("Cache-Control", "no-store");
  res.status(200).json(data);
}
