import type { NextRequest } from "next/server";

type User = { id: string; name: string };

const USERS: User[] = [
  { id: "1", name: "Ada" },
  { id: "2", name: "Grace" },
  { id: "3", name: "Linus" },
];

export async function GET(req: NextRequest) {
  return Response.json(USERS, { status: 200 });
}

export async function POST(req: NextRequest) {
  const body = await req.json();
  const { name } = body;
  if (!name) {
    return Response.json({ error: "name is required" }, { status: 400 });
  }
  return Response.json({ id: String(USERS.length + 1), name }, { status: 201 });
}
