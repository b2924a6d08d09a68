const PRODUCTS = [
  { id: "1", name: "Kettle", price: 25 },
  { id: "2", name: "Toaster", price: 40 },
];

function sendError(status, message) {
  return Response.json({ error: message }, { status });
}

export async function GET(req, { params }) {
  const { id } = await params;
  const item = PRODUCTS.find((p) => p.id === id);
  if (!item) {
    return sendError(404, "not found");
  }
  return Response.json(item, { status: 200 });
}

export async function PUT(req, { params }) {
  const body = await req.json();
  const { id } = await params;
  const item = PRODUCTS.find((p) => p.id === id);
  if (!item) {
    return sendError(404, "not found");
  }
  const { price } = body;
  if (typeof price !== "number") {
    return sendError(400, "price must be a number");
  }
  return Response.json({ ...item, price }, { status: 200 });
}

export async function DELETE(req, { params }) {
  const { id } = await params;
  const item = PRODUCTS.find((p) => p.id === id);
  if (!item) {
    return sendError(404, "not found");
  }
  return new Response(null, { status: 204 });
}
