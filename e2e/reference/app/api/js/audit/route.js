import { after } from "next/server";

export async function POST(req) {
  const { event } = await req.json();
  after(() => {
    console.log("audit event", event);
  });
  return Response.json({ accepted: true, event }, { status: 202 });
}
