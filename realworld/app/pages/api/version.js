const pkg = { name: "routemod-realworld", version: "0.1.0" };

/**
 * @param {import("next").NextApiRequest} _req
 * @param {import("next").NextApiResponse} res
 */
export default function version(_req, res) {
  res.setHeader("Cache-Control", "public, max-age=300");
  res.send({ version: pkg.version, commit: process.env.VERCEL_GIT_COMMIT_SHA || "dev" });
}
