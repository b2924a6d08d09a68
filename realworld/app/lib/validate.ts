import type { NextApiRequest, NextApiResponse } from "next";
import type { ZodSchema } from "zod";

/** validate parses the body with schema, or answers 400 and returns null. */
export function validate<T>(schema: ZodSchema<T>, req: NextApiRequest, res: NextApiResponse): T | null {
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) {
    res.status(400).json({ error: "Invalid body", issues: parsed.error.issues });
    return null;
  }
  return parsed.data;
}
