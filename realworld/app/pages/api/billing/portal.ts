import type { NextApiRequest, NextApiResponse } from "next";
import { getUser } from "@/lib/auth";

export default async function portal(req: NextApiRequest, res: NextApiResponse) {
  const user = await getUser(req);
  if (!user) {
    return res.redirect("/login?next=/billing");
  }
  res.redirect(303, `https://billing.example.com/portal?customer=${encodeURIComponent(user.id)}`);
}
