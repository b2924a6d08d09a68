import type { NextApiRequest, NextApiResponse } from "next";
import { track } from "@/lib/log";

// The contact form posts application/x-www-form-urlencoded; Next parses it
// into req.body.
export default async function contact(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "POST") return res.status(405).end();
  const { name, email, message } = req.body as { name?: string; email?: string; message?: string };
  if (!email || !message) {
    return res.redirect(303, "/contact?error=missing");
  }
  await track("contact", { name, email, length: message.length });
  res.redirect(303, "/contact?sent=1");
}
