import { sendError, notFound } from "@/lib/http";

const store = new Map([["1", { id: "1", title: "Write docs", done: false }]]);

/**
 * @param {import("next").NextApiRequest} req
 * @param {import("next").NextApiResponse} res
 */
export default async function handler(req, res) {
  const id = String(req.query.id);
  const todo = store.get(id);
  if (!todo) return notFound(res, "Todo");

  if (req.method === "PATCH") {
    const { done } = req.body;
    if (typeof done !== "boolean") return sendError(res, 400, "done must be a boolean");
    todo.done = done;
    return res.json(todo);
  }
  if (req.method === "DELETE") {
    store.delete(id);
    return res.status(204).end();
  }
  res.json(todo);
}
