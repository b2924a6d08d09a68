import type { NextApiHandler } from "next";
import { ZodError } from "zod";

export class HttpError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

export function withErrorHandler(handler: NextApiHandler): NextApiHandler {
  return async function wrapped(req, res) {
    try {
      return await handler(req, res);
    } catch (err) {
      if (err instanceof HttpError) {
        return res.status(err.status).json({ error: err.message });
      }
      if (err instanceof ZodError) {
        return res.status(422).json({ error: "Validation failed", details: err.flatten() });
      }
      console.error(err);
      return res.status(500).json({ error: "Internal Server Error" });
    }
  };
}
