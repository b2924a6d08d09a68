import type { NextApiRequest, NextApiResponse } from "next";

let nextId = 100;

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    res.status(405);
    res.json({ error: "Method Not Allowed" });
    return;
  }
  const { title } = req.body;
  if (!title) {
    res.status(422);
    res.json({ error: "title is required" });
    return;
  }
  res.status(201);
  res.json({ id: nextId, title, done: false });
}
