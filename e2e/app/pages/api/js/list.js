const ITEMS = Array.from({ length: 25 }, (_, i) => `item-${i + 1}`);

export default function handler(req, res) {
  if (req.method !== "GET") {
    res.setHeader("Allow", "GET");
    return res.status(405).end();
  }
  const { page = "1", size = "10", sort } = req.query;
  const p = parseInt(page, 10) || 1;
  const s = parseInt(size, 10) || 10;
  const items = ITEMS.slice((p - 1) * s, p * s);
  res.status(200).json({ page, size, sort, items });
}
