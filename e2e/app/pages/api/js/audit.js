export default async function handler(req, res) {
  if (req.method !== "POST") {
    return res.status(405).json({ error: "Method Not Allowed" });
  }
  const { event } = req.body;
  res.status(202).json({ accepted: true, event });
  console.log("audit event", event);
}
