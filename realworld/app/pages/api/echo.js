/**
 * @param {import("next").NextApiRequest} req
 * @param {import("next").NextApiResponse} res
 */
module.exports = (req, res) => {
  res.status(200).json({
    method: req.method,
    query: req.query,
    body: req.body ?? null,
    contentType: req.headers["content-type"] || null,
  });
};
