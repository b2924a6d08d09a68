import type { NextApiRequest, NextApiResponse } from "next";
import { withMethods } from "../../../lib/methods";

async function handler(req: NextApiRequest, res: NextApiResponse) {
  switch (req.method) {
    case "GET":
      return res.json({ notes: ["a", "b"] });
    case "POST":
      return res.status(201).json({ created: req.body?.text ?? null });
    case "DELETE":
      return res.status(204).end(); // never reached: withMethods refuses DELETE
  }
}

export default withMethods(["GET", "POST"], handler);
