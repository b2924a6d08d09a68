import { fail } from "../../../../lib/js/answer";

/**
 * @param {import('next').NextApiRequest} req
 * @param {import('next').NextApiResponse} res
 */
export default function handler(req, res) {
  if (req.method !== "POST") return fail(res, 405, "POST only");
  const { say } = req.body;
  if (!say) return fail(res, 422, "say what?");
  res.status(200).json({ said: say });
}
