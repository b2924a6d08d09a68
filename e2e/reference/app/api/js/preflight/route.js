export function OPTIONS(req) {
  const headers = new Headers();
  headers.set("Access-Control-Allow-Origin", "https://app.example.com");
  headers.set("Access-Control-Allow-Methods", "GET, PUT");
  headers.set("Access-Control-Max-Age", "600");
  return new Response(null, { status: 204, headers });
}

export function GET(req) {
  const headers = new Headers();
  headers.set("Access-Control-Allow-Origin", "https://app.example.com");
  headers.set("Access-Control-Allow-Methods", "GET, PUT");
  headers.set("Access-Control-Max-Age", "600");
  return Response.json({ ok: true }, { headers });
}

export { GET as POST, GET as PUT, GET as PATCH, GET as DELETE };
