import { fail, requireToken } from "../../../../lib/js/answer";

/**
 * @param {import('next').NextApiRequest} req
 * @param {import('next').NextApiResponse} res
 */
export default async function handler(req, res) {
  if (req.method !== "GET") return fail(res, 405, "GET only");
  const session = await requireToken(req, res);
  if (!session) return;
  res.status(200).json({ token: session.token });
}
