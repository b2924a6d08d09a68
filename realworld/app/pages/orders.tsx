import useSWRLike from "@/lib/useFetch";
import type { OrderResponse } from "@/pages/api/orders/[id]";
import type { Product } from "@/pages/api/products";

export default function Orders() {
  const order = useSWRLike<OrderResponse>("/api/orders/latest");
  const products = useSWRLike<Product[]>("/api/products");
  if (!order || !products) return <p>Loading…</p>;
  return (
    <p>
      Order {order.order.id}: {order.order.items.length} items of {products.length} products
    </p>
  );
}
