export default function handler(req, res) {
  if (req.method !== "GET") return res.status(405).json({ error: "Method Not Allowed" });
  const path = req.query.path;
  res.status(200).json({ file: path.join("/"), segments: path });
}
