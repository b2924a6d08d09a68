const TODOS = [
  { id: "1", title: "Write the codemod", done: false },
  { id: "2", title: "Run the e2e test", done: true },
];

export async function GET(req, { params }) {
  const id = (await params).id;
  const todo = TODOS.find((t) => t.id === id);
  if (!todo) {
    return Response.json({ error: "Todo not found" }, { status: 404 });
  }
  return Response.json(todo, { status: 200 });
}

async function PUT(req, { params }) {
  const body = await req.json();
  const id = (await params).id;
  const todo = TODOS.find((t) => t.id === id);
  if (!todo) {
    return Response.json({ error: "Todo not found" }, { status: 404 });
  }
  return Response.json({ ...todo, ...body }, { status: 200 });
}

export { PUT, PUT as PATCH };

export async function DELETE(req, { params }) {
  const id = (await params).id;
  const todo = TODOS.find((t) => t.id === id);
  if (!todo) {
    return Response.json({ error: "Todo not found" }, { status: 404 });
  }
  return new Response(null, { status: 204 });
}
