export async function POST(req) {
  const body = await req.json();
  const { name, message } = body;
  if (!name || !message) {
    return Response.json({ error: "name and message are required" }, { status: 400 });
  }
  return Response.json({ received: true, name, length: message.length }, { status: 201 });
}
