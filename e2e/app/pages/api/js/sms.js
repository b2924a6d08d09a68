// Twilio posts its webhooks as application/x-www-form-urlencoded.
export default function handler(req, res) {
  if (req.method !== "POST") return res.status(405).end();
  res.json({ from: req.body.From, reply: "You said " + req.body.Body });
}
