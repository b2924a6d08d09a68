export default function handler(req, res) {
  if (req.method !== "GET") return res.status(405).json({ error: "Method Not Allowed" });
  const { "x-api-key": key, authorization, "user-agent": agent } = req.headers;
  res.status(200).json({ key, authorization, agent });
}
