import type { NextApiRequest, NextApiResponse } from "next";

type User = { id: string; name: string };
const users: Record<string, User> = { "1": { id: "1", name: "Ada" } };

export default function handler(req: NextApiRequest, res: NextApiResponse<User | { error: string }>) {
  const { id } = req.query;
  switch (req.method) {
    case "GET": {
      const user = users[id as string];
      if (!user) return res.status(404).json({ error: "not found" });
      res.setHeader("Cache-Control", "no-store");
      return res.status(200).json(user);
    }
    case "PUT":
    case "PATCH":
      users[id as string] = { id: id as string, name: req.body.name };
      res.status(200).json(users[id as string]);
      break;
    default:
      res.setHeader("Allow", ["GET", "PUT", "PATCH"]);
      res.status(405).end(`Method ${req.method} Not Allowed`);
  }
}
