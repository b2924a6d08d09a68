// withServedBy(withApiKey(handler)), written out: the tag goes on the 401 too
async function handler(req) {
  if (req.headers.get("x-api-key") !== "k1") {
    return Response.json({ error: "missing or wrong API key" }, { status: 401, headers: { "X-Served-By": "wrapped" } });
  }
  return Response.json({ js: true, method: req.method }, { headers: { "X-Served-By": "wrapped" } });
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
