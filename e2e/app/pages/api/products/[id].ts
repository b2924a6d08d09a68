import type { NextApiRequest, NextApiResponse } from "next";

type Product = { id: string; name: string; price: number };

const PRODUCTS: Product[] = [
  { id: "1", name: "Kettle", price: 25 },
  { id: "2", name: "Toaster", price: 40 },
];

async function findProduct(id: string): Promise<Product | undefined> {
  return PRODUCTS.find((p) => p.id === id);
}

function sendError(res: NextApiResponse, status: number, message: string) {
  res.status(status).json({ error: message });
}

async function getItem(req: NextApiRequest, res: NextApiResponse) {
  const item = await findProduct(req.query.id as string);
  if (!item) {
    sendError(res, 404, "not found");
    return;
  }
  res.status(200).json(item);
}

async function deleteItem(req: NextApiRequest, res: NextApiResponse) {
  const item = await findProduct(req.query.id as string);
  if (!item) {
    sendError(res, 404, "not found");
    return;
  }
  res.status(204).end();
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  switch (req.method) {
    case "GET":
      return getItem(req, res);
    case "DELETE":
      return deleteItem(req, res);
    default:
      res.setHeader("Allow", ["GET", "DELETE"]);
      return sendError(res, 405, `Method ${req.method} Not Allowed`);
  }
}
