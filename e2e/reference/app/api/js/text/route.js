export async function GET(req) {
  const headers = new Headers();
  headers.set("x-powered-by-route", "js-text");
  return new Response("plain text from a js route", { status: 200, headers });
}
