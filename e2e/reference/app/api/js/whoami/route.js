export async function GET(req) {
  // An absent header was undefined (left out of the JSON); get() gives null.
  const key = req.headers.get("x-api-key") ?? undefined;
  const authorization = req.headers.get("authorization") ?? undefined;
  const agent = req.headers.get("user-agent") ?? undefined;
  return Response.json({ key, authorization, agent }, { status: 200 });
}
