const todos = [
  { id: 1, title: "Write docs", done: false },
  { id: 2, title: "Ship it", done: true },
];

/**
 * @param {import("next").NextApiRequest} req
 * @param {import("next").NextApiResponse} res
 */
export default function handler(req, res) {
  const { method } = req;
  switch (method) {
    case "GET":
      res.status(200).json(todos);
      break;
    case "POST": {
      const { title } = req.body;
      if (!title) {
        res.status(400).json({ error: "title is required" });
        return;
      }
      const todo = { id: todos.length + 1, title, done: false };
      todos.push(todo);
      res.status(201).json(todo);
      break;
    }
    default:
      res.setHeader("Allow", ["GET", "POST"]);
      res.status(405).end(`Method ${method} Not Allowed`);
  }
}
