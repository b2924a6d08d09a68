/**
 * Greets by name.
 * @param {import('next').NextApiRequest} req
 * @param {import('next').NextApiResponse} res
 * @returns {void}
 */
export default function handler(req, res) {
  if (req.method !== "GET") return res.status(405).end();
  return req.query.name ? res.json({ hello: req.query.name }) : res.status(400).json({ error: "name?" });
}
