export default function handler(req, res) {
  if (req.method !== "GET") return res.status(405).json({ error: "Method Not Allowed" });
  const ids = Array.isArray(req.query.id) ? req.query.id : [req.query.id];
  res.status(200).json({ ids, first: ids[0], n: ids.length });
}
