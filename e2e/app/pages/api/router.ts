import type { NextApiRequest, NextApiResponse } from "next";
import { createRouter } from "next-connect";

// A next-connect 1.x router: GET and POST, an onError of its own, and the
// default onNoMatch (404 "Route <method> <url> not found") for the rest.
const router = createRouter<NextApiRequest, NextApiResponse>();

router
  .get((req, res) => {
    res.status(200).json({ router: "next-connect", q: req.query.q ?? null });
  })
  .post(async (req, res) => {
    if (req.body.fail) {
      throw new Error("asked to fail");
    }
    res.status(201).json({ created: req.body.name });
  });

export default router.handler({
  onError: (err, req, res) => {
    res.status(500).json({ error: err instanceof Error ? err.message : "unknown", method: req.method });
  },
});
