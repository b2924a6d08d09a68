// A req.socket read: routemod cannot finish this route, so it stays in
// pages/api.
export default function handler(req, res) {
  if (req.method !== "GET") {
    res.setHeader("Allow", "GET");
    return res.status(405).json({ error: "GET only" });
  }
  const addr = req.socket.remoteAddress || "";
  res.status(200).json({ loopback: addr === "127.0.0.1" || addr === "::1" || addr === "::ffff:127.0.0.1" });
}
