import type { NextRequest } from "next/server";

type Product = { id: string; name: string; price: number };

const PRODUCTS: Product[] = [
  { id: "1", name: "Kettle", price: 25 },
  { id: "2", name: "Toaster", price: 40 },
];

type Context = { params: Promise<{ id: string }> };

async function findProduct(id: string): Promise<Product | undefined> {
  return PRODUCTS.find((p) => p.id === id);
}

function sendError(status: number, message: string) {
  return Response.json({ error: message }, { status });
}

export async function GET(req: NextRequest, { params }: Context) {
  const { id } = await params;
  const item = await findProduct(id);
  if (!item) {
    return sendError(404, "not found");
  }
  return Response.json(item, { status: 200 });
}

export async function DELETE(req: NextRequest, { params }: Context) {
  const { id } = await params;
  const item = await findProduct(id);
  if (!item) {
    return sendError(404, "not found");
  }
  return new Response(null, { status: 204 });
}
