import type { NextRequest } from "next/server";

let nextId = 100;

export async function POST(req: NextRequest) {
  const { title } = await req.json();
  if (!title) {
    return Response.json({ error: "title is required" }, { status: 422 });
  }
  return Response.json({ id: nextId, title, done: false }, { status: 201 });
}
