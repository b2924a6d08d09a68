const BOOKS = ["Dune", "Emma", "Ulysses", "Dracula", "Beloved"];

export async function GET(req) {
  if (req.headers.get("x-api-key") !== "secret-key") {
    return Response.json({ error: "Invalid API key" }, { status: 401 });
  }
  const q = req.nextUrl.searchParams.get("q") || "";
  const results = BOOKS.filter((b) => b.toLowerCase().includes(q.toLowerCase()));
  return Response.json({ q, count: results.length, results }, { status: 200 });
}
