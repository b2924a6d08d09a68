export async function GET(req) {
  return new Response(null, { status: 307, headers: { Location: "/" } });
}
