import type { NextApiRequest, NextApiResponse } from "next";

const ACCOUNT = { id: "acc_1", email: "ada@example.com", plan: "free" };

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { method } = req;
  switch (method) {
    case "GET":
      res.status(200).json(ACCOUNT);
      break;
    case "PATCH": {
      const { plan } = req.body;
      if (plan !== "free" && plan !== "pro") {
        res.status(400).json({ error: "plan must be free or pro" });
        break;
      }
      res.status(200).json({ ...ACCOUNT, plan });
      break;
    }
    default:
      res.setHeader("Allow", ["GET", "PATCH"]);
      res.status(405).end(`Method ${method} Not Allowed`);
  }
}
