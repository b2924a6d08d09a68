import { randomBytes } from "crypto";
import { db } from "@/lib/db";
import { withAuth } from "@/lib/withAuth";
import type { ApiKey } from "@/lib/types";

export type KeysResponse = { keys: ApiKey[] };

export default withAuth(async (req, res) => {
  switch (req.method) {
    case "GET": {
      const keys = await db.apiKey.findMany({ userId: req.user.id });
      return res.status(200).json({ keys } satisfies KeysResponse);
    }
    case "POST": {
      const secret = randomBytes(24).toString("hex");
      const key = await db.apiKey.create({
        userId: req.user.id,
        label: String(req.body?.label ?? "default"),
        prefix: secret.slice(0, 8),
        createdAt: new Date().toISOString(),
        lastUsedAt: null,
      });
      return res.status(201).json({ ...key, secret });
    }
    default:
      res.setHeader("Allow", "GET, POST");
      return res.status(405).json({ error: "Method not allowed" });
  }
});
