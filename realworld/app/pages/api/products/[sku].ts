import type { NextApiRequest, NextApiResponse } from "next";
import type { Product } from "./index";

const BY_SKU: Record<string, Product> = {
  basic: { sku: "basic", name: "Basic", price: 9, category: "plans" },
  pro: { sku: "pro", name: "Pro", price: 29, category: "plans" },
};

export default function product(req: NextApiRequest, res: NextApiResponse) {
  const sku = req.query.sku as string;
  const product = BY_SKU[sku];
  if (!product) {
    res.status(404).json({ error: `Unknown product ${sku}` });
    return;
  }
  res.setHeader("ETag", `"${sku}-${product.price}"`);
  res.status(200).json(product);
}
