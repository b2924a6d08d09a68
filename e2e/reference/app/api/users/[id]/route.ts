import type { NextRequest } from "next/server";

type User = { id: string; name: string };

const USERS: User[] = [
  { id: "1", name: "Ada" },
  { id: "2", name: "Grace" },
];

export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const id = (await params).id as string;
  const user: User = USERS.find((u) => u.id === id);
  if (!user) return Response.json({ error: `User ${id} not found` }, { status: 404 });
  return Response.json(user, { status: 200 });
}

async function PUT(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const body = await req.json();
  const id = (await params).id as string;
  const user: User = USERS.find((u) => u.id === id);
  if (!user) return Response.json({ error: `User ${id} not found` }, { status: 404 });
  return Response.json({ ...user, ...body, id }, { status: 200 });
}

export { PUT, PUT as PATCH };

export async function DELETE(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const id = (await params).id as string;
  const user: User = USERS.find((u) => u.id === id);
  return new Response(null, { status: 204 });
}
