/**
 * fail answers { error: message } with status.
 * @param {import('next').NextApiResponse} res
 * @param {number} status
 * @param {string} message
 */
export function fail(res, status, message) {
  return res.status(status).json({ error: message });
}

/**
 * @param {import('next').NextApiRequest} req
 * @param {import('next').NextApiResponse} res
 */
export async function requireToken(req, res) {
  const auth = req.headers.authorization;
  if (!auth || !auth.startsWith("Bearer ")) {
    fail(res, 401, "no token");
    return null;
  }
  return { token: auth.slice(7) };
}
