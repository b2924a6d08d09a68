export default function handler(req, res) {
  if (req.method === "POST") {
    res.statusCode = 202;
    res.end("queued");
    return;
  }
  if (req.method === "GET") {
    res.statusCode = 200;
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ pending: 0 }));
    return;
  }
  res.statusCode = 405;
  res.end();
}
