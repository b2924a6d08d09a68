import type { NextApiRequest, NextApiResponse } from "next";

const services = { api: true, db: true, queue: process.env.QUEUE_URL !== undefined };

export default function status(_req: NextApiRequest, res: NextApiResponse) {
  const healthy = Object.values(services).every(Boolean);
  res.statusCode = healthy ? 200 : 503;
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify({ healthy, services }));
}
