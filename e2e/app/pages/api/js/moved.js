export default function handler(req, res) {
  if (req.method === "DELETE") {
    return res.status(204).end();
  }
  if (req.method !== "GET") return res.status(405).json({ error: "Method Not Allowed" });
  res.setHeader("x-moved-by", "routemod-e2e");
  res.redirect(301, "/elsewhere");
}
