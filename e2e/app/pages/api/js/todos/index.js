const TODOS = [
  { id: 1, title: "Write the codemod", done: false },
  { id: 2, title: "Run the e2e test", done: true },
];

export default function handler(req, res) {
  if (req.method === "GET") {
    const done = req.query.done;
    const list = done ? TODOS.filter((t) => String(t.done) === done) : TODOS;
    return res.status(200).json(list);
  } else if (req.method === "POST") {
    const todo = { id: TODOS.length + 1, title: req.body.title, done: false };
    return res.status(201).json(todo);
  } else if (req.method === "DELETE") {
    return res.status(204).end();
  }
  return res.status(405).json({ error: `Method ${req.method} not allowed` });
}
