import type { NextApiRequest, NextApiResponse } from "next";

export type Product = { sku: string; name: string; price: number; category: string };

const PRODUCTS: Product[] = [
  { sku: "basic", name: "Basic", price: 9, category: "plans" },
  { sku: "pro", name: "Pro", price: 29, category: "plans" },
  { sku: "mug", name: "Mug", price: 12, category: "merch" },
];

export default function products(req: NextApiRequest, res: NextApiResponse<Product[]>) {
  const { category, sort = "name" } = req.query;
  let list = category ? PRODUCTS.filter((p) => p.category === category) : PRODUCTS;
  list = [...list].sort((a, b) => (sort === "price" ? a.price - b.price : a.name.localeCompare(b.name)));
  res.setHeader("Cache-Control", "public, s-maxage=600");
  res.status(200).json(list);
}
