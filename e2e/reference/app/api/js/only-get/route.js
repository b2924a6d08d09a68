export function GET(req) {
  return Response.json({ only: "GET" });
}

export function POST(req) {
  return new Response("Method not allowed.");
}

export { POST as PUT, POST as PATCH, POST as DELETE };
