import type { NextApiRequest, NextApiResponse } from "next";

// Server-Sent Events written from a timer: a retry hint, `count` tick
// events, then a "done" event that ends the stream (finite, so the test
// compares the whole body). res.flushHeaders and the compression
// middleware's res.flush go; the timer is cleared when the client leaves.
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return res.status(405).json({ error: "GET only" });
  const count = Math.min(Number(req.query.count ?? "3"), 10);
  res.writeHead(200, {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
  });
  res.flushHeaders();
  res.write("retry: 1000\n\n");
  let sent = 0;
  const timer = setInterval(() => {
    sent++;
    res.write(`id: ${sent}\nevent: tick\ndata: ${JSON.stringify({ n: sent })}\n\n`);
    (res as NextApiResponse & { flush?: () => void }).flush?.();
    if (sent >= count) {
      clearInterval(timer);
      res.end("event: done\ndata: bye\n\n");
    }
  }, 20);
  req.on("close", () => clearInterval(timer));
}
