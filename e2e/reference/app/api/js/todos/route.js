const TODOS = [
  { id: 1, title: "Write the codemod", done: false },
  { id: 2, title: "Run the e2e test", done: true },
];

export async function GET(req) {
  const done = req.nextUrl.searchParams.get("done");
  const list = done ? TODOS.filter((t) => String(t.done) === done) : TODOS;
  return Response.json(list, { status: 200 });
}

export async function POST(req) {
  const body = await req.json();
  const todo = { id: TODOS.length + 1, title: body.title, done: false };
  return Response.json(todo, { status: 201 });
}

export async function DELETE(req) {
  return new Response(null, { status: 204 });
}
