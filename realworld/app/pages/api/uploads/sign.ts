import type { NextApiHandler } from "next";
import { createHmac } from "crypto";
import { z } from "zod";
import { requireUser } from "@/lib/auth";

const SignRequest = z.object({
  filename: z.string().min(1),
  contentType: z.string().regex(/^[\w.-]+\/[\w.+-]+$/),
  size: z.number().int().positive().max(10 * 1024 * 1024),
});

const handler: NextApiHandler = async (req, res) => {
  if (req.method !== "POST") return res.status(405).end();
  const user = await requireUser(req, res);
  if (!user) return;
  const input = SignRequest.safeParse(req.body);
  if (!input.success) {
    return res.status(400).json({ error: input.error.flatten().fieldErrors });
  }
  const key = `${user.id}/${Date.now()}-${input.data.filename}`;
  const expires = Math.floor(Date.now() / 1000) + 300;
  const signature = createHmac("sha256", process.env.UPLOAD_SECRET ?? "dev")
    .update(`${key}:${expires}`)
    .digest("hex");
  res.status(200).json({ key, expires, url: `https://uploads.example.com/${key}?sig=${signature}&exp=${expires}` });
};

export default handler;
