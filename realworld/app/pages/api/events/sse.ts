import type { NextApiRequest, NextApiResponse } from "next";

export default function sse(req: NextApiRequest, res: NextApiResponse) {
  res.writeHead(200, {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
  });
  res.flushHeaders();
  let n = 0;
  const timer = setInterval(() => {
    res.write(`data: ${JSON.stringify({ n: n++, at: Date.now() })}\n\n`);
  }, 1000);
  req.on("close", () => {
    clearInterval(timer);
    res.end();
  });
}
