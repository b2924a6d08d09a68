export async function GET(req) {
  return Response.json({ pong: true }, { status: 200 });
}
