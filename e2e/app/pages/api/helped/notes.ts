import type { NextApiRequest, NextApiResponse } from "next";
import { requireKey } from "../../../lib/guard";
import { ok, sendError } from "../../../lib/respond";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const who = requireKey(req, res);
  if (!who) {
    return;
  }
  switch (req.method) {
    case "GET":
      return ok(res, { notes: [], owner: who.owner });
    case "POST": {
      const { text } = req.body;
      if (typeof text !== "string" || text === "") {
        sendError(res, 400, "text is required");
        return;
      }
      return ok(res, { saved: text, by: who.owner });
    }
    default:
      return sendError(res, 405, "GET or POST");
  }
}
