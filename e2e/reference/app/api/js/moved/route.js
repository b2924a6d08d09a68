export async function DELETE(req) {
  return new Response(null, { status: 204 });
}

export async function GET(req) {
  return new Response(null, {
    status: 301,
    headers: { "x-moved-by": "routemod-e2e", Location: "/elsewhere" },
  });
}
