import type { NextApiRequest, NextApiResponse } from "next";

// A SAML assertion consumer: the identity provider posts a form.
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "POST") return res.status(405).end();
  const { SAMLResponse, RelayState } = req.body;
  if (!SAMLResponse) return res.status(400).json({ error: "missing SAMLResponse" });
  res.redirect(302, RelayState || "/");
}
