// withMethods(["GET", "PUT"]) answered the other methods 405: Next.js does.
export async function GET(req) {
  return Response.json({ notes: [] });
}

export async function PUT(req) {
  return Response.json({ saved: true });
}
