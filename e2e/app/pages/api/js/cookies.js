export default function handler(req, res) {
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    return res.status(405).json({ error: "Method Not Allowed" });
  }
  const { user } = req.body;
  res.setHeader("Set-Cookie", [`user=${encodeURIComponent(user)}; Path=/; HttpOnly`, "seen=1; Path=/; Max-Age=600"]);
  res.status(200).json({ ok: true, user });
}
