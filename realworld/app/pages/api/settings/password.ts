import type { NextApiRequest, NextApiResponse } from "next";
import { z } from "zod";
import { getUser } from "@/lib/auth";
import { sendError, unauthorized, noContent } from "@/lib/http";
import { rateLimit } from "@/lib/rateLimit";

const Change = z
  .object({ current: z.string().min(8), next: z.string().min(12), confirm: z.string() })
  .refine((v) => v.next === v.confirm, { message: "Passwords do not match", path: ["confirm"] });

export default async function password(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "POST") return sendError(res, 405, "Method not allowed");
  if (!rateLimit(req, res, 5)) return;
  const user = await getUser(req);
  if (!user) return unauthorized(res);
  const result = Change.safeParse(req.body);
  if (!result.success) {
    return sendError(res, 400, "Invalid password change", result.error.format());
  }
  return noContent(res);
}
