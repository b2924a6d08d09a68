// Server-Sent Events from an async loop, flushed after each event (the
// compression middleware's res.flush), ended with a last event.
/**
 * @param {import('next').NextApiRequest} req
 * @param {import('next').NextApiResponse} res
 */
export default async function handler(req, res) {
  if (req.method !== "GET") {
    res.status(405).json({ error: "GET only" });
    return;
  }
  const from = Number(req.query.from ?? "1");
  res.setHeader("Content-Type", "text/event-stream; charset=utf-8");
  res.setHeader("Cache-Control", "no-cache");
  res.flushHeaders();
  for (let id = from; id < from + 3; id++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    res.write(`id: ${id}\ndata: item ${id}\n\n`);
    res.flush?.();
  }
  res.end("event: end\ndata: \n\n");
}
