export default async function handler(req, res) {
  if (req.method !== "POST") {
    return res.status(405).json({ error: "Method Not Allowed" });
  }
  const { name, message } = req.body;
  if (!name || !message) {
    return res.status(400).json({ error: "name and message are required" });
  }
  res.status(201).json({ received: true, name, length: message.length });
}
