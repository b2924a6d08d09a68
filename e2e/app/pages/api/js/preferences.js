export default function handler(req, res) {
  if (req.method === "GET") {
    const theme = req.cookies["theme"] || "system";
    return res.status(200).json({ theme });
  } else if (req.method === "POST") {
    const theme = req.body.theme;
    res.setHeader("Set-Cookie", [`theme=${theme}; Path=/; Max-Age=3600`]);
    return res.status(200).json({ theme });
  } else {
    res.setHeader("Allow", ["GET", "POST"]);
    return res.status(405).end(`Method ${req.method} Not Allowed`);
  }
}
