import type { NextRequest } from "next/server";

const USERS = [{ email: "ada@example.com", password: "hunter2" }];

export async function POST(req: NextRequest) {
  const body = await req.json();
  const { email, password } = body;
  if (!email || !password) return Response.json({ error: "email and password are required" }, { status: 400 });
  const user = USERS.find((u) => u.email === email);
  if (!user || user.password !== password)
    return Response.json({ error: "Invalid email or password" }, { status: 401 });
  return new Response(null, { status: 200 });
}
