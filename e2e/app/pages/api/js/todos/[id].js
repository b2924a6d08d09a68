const TODOS = [
  { id: "1", title: "Write the codemod", done: false },
  { id: "2", title: "Run the e2e test", done: true },
];

export default function handler(req, res) {
  const todo = TODOS.find((t) => t.id === req.query.id);
  if (!todo) {
    return res.status(404).json({ error: "Todo not found" });
  }

  switch (req.method) {
    case "GET":
      res.status(200).json(todo);
      break;
    case "PUT":
    case "PATCH":
      res.status(200).json({ ...todo, ...req.body });
      break;
    case "DELETE":
      res.status(204).end();
      break;
    default:
      res.setHeader("Allow", ["GET", "PUT", "PATCH", "DELETE"]);
      res.status(405).end(`Method ${req.method} Not Allowed`);
  }
}
