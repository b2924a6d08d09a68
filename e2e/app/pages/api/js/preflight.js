// The handler answers the CORS preflight itself.
export default function handler(req, res) {
  res.setHeader("Access-Control-Allow-Origin", "https://app.example.com");
  res.setHeader("Access-Control-Allow-Methods", "GET, PUT");
  res.setHeader("Access-Control-Max-Age", "600");
  if (req.method === "OPTIONS") {
    return res.status(204).end();
  }
  res.json({ ok: true });
}
