export default function handler(req, res) {
  res.status(200).json({ method: req.method, url: req.url, contentType: req.headers["content-type"] || null });
}
