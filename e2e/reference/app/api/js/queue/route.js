export async function POST(req) {
  return new Response("queued", { status: 202 });
}

export async function GET(req) {
  return new Response(JSON.stringify({ pending: 0 }), {
    status: 200,
    headers: { "Content-Type": "application/json" },
  });
}
