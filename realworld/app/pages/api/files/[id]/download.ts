import type { NextApiRequest, NextApiResponse } from "next";
import { getUser } from "@/lib/auth";

const files: Record<string, { name: string; type: string; data: string }> = {
  f1: { name: "report.txt", type: "text/plain", data: "quarterly numbers" },
};

export default async function download(req: NextApiRequest, res: NextApiResponse) {
  const user = await getUser(req);
  if (!user) return res.status(401).end();
  const file = files[req.query.id as string];
  if (!file) return res.status(404).end();

  const body = Buffer.from(file.data, "utf8");
  res.setHeader("Content-Type", file.type);
  res.setHeader("Content-Length", body.length);
  res.setHeader("Content-Disposition", `attachment; filename="${file.name}"`);
  res.status(200).send(body);
}
