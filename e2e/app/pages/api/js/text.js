export default function handler(req, res) {
  if (req.method !== "GET") {
    return res.status(405).end();
  }
  res.setHeader("x-powered-by-route", "js-text");
  res.status(200).send("plain text from a js route");
}
