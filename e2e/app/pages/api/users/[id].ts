import type { NextApiRequest, NextApiResponse } from "next";

type User = { id: string; name: string };

const USERS: User[] = [
  { id: "1", name: "Ada" },
  { id: "2", name: "Grace" },
];

export default function userHandler(req: NextApiRequest, res: NextApiResponse) {
  const id = req.query.id as string;
  const user: User = USERS.find((u) => u.id === id);

  switch (req.method) {
    case "GET":
      if (!user) return res.status(404).json({ error: `User ${id} not found` });
      return res.status(200).json(user);
    case "PUT":
    case "PATCH":
      if (!user) return res.status(404).json({ error: `User ${id} not found` });
      return res.status(200).json({ ...user, ...req.body, id });
    case "DELETE":
      return res.status(204).end();
    default:
      res.setHeader("Allow", ["GET", "PUT", "PATCH", "DELETE"]);
      res.status(405).end(`Method ${req.method} Not Allowed`);
  }
}
