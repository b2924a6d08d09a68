// A method guard that answers 200 with a text, not 405: the other methods
// keep that answer after the migration.
export default function handler(req, res) {
  if (req.method !== "GET") return res.send("Method not allowed.");
  res.json({ only: "GET" });
}
