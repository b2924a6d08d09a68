const BOOKS = ["Dune", "Emma", "Ulysses", "Dracula", "Beloved"];

export default function handler(req, res) {
  if (req.method !== "GET") return res.status(405).json({ error: "Method Not Allowed" });
  if (req.headers["x-api-key"] !== "secret-key") {
    return res.status(401).json({ error: "Invalid API key" });
  }
  const q = req.query.q || "";
  const results = BOOKS.filter((b) => b.toLowerCase().includes(q.toLowerCase()));
  res.status(200).json({ q, count: results.length, results });
}
