async function handler(req) {
  return Response.json({ method: req.method, url: req.nextUrl.pathname + req.nextUrl.search, contentType: req.headers.get("content-type") || null }, { status: 200 });
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
