import type { NextApiRequest, NextApiResponse } from "next";
import { requireKey } from "../../../lib/guard";
import { ok, sendError } from "../../../lib/respond";

// A guard helper and two send helpers from lib/.
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") {
    return sendError(res, 405, "GET only");
  }
  const who = requireKey(req, res);
  if (!who) return;
  ok(res, { owner: who.owner, scopes: who.scopes });
}
