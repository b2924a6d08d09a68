import type { NextApiRequest, NextApiResponse } from "next";
import { z } from "zod";
import { requireUser } from "@/lib/auth";
import { sendError } from "@/lib/http";
import { parseBody } from "@/lib/request";

const Settings = z.object({
  name: z.string().min(1).optional(),
  visibility: z.enum(["public", "private"]).optional(),
  webhookUrl: z.string().url().nullable().optional(),
});

type ProjectSettings = z.infer<typeof Settings>;
const settings = new Map<string, ProjectSettings>();

export default async function projectSettings(req: NextApiRequest, res: NextApiResponse) {
  const user = await requireUser(req, res);
  if (!user) return;
  const id = req.query.id as string;

  if (req.method === "GET") {
    return res.status(200).json(settings.get(id) ?? {});
  }
  if (req.method === "PATCH") {
    const result = Settings.safeParse(parseBody(req));
    if (!result.success) return sendError(res, 400, "Invalid settings", result.error.issues);
    const next = { ...settings.get(id), ...result.data };
    settings.set(id, next);
    return res.status(200).json(next);
  }
  return sendError(res, 405, `Cannot ${req.method}`);
}
