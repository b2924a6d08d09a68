// Next.js' default API route.
export default function handler(req, res) {
  res.status(200).json({ name: "John Doe", search: req.query.q });
}
