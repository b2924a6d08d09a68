import type { NextRequest } from "next/server";

const ACCOUNT = { id: "acc_1", email: "ada@example.com", plan: "free" };

export async function GET(req: NextRequest) {
  return Response.json(ACCOUNT, { status: 200 });
}

export async function PATCH(req: NextRequest) {
  const { plan } = await req.json();
  if (plan !== "free" && plan !== "pro") {
    return Response.json({ error: "plan must be free or pro" }, { status: 400 });
  }
  return Response.json({ ...ACCOUNT, plan }, { status: 200 });
}
