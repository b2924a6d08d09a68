import { db } from "@/lib/db";
import { withRole } from "@/lib/withRole";
import { withErrorHandler, HttpError } from "@/lib/withErrorHandler";

export default withErrorHandler(
  withRole("admin")(async (req, res) => {
    if (req.method !== "POST") throw new HttpError(405, "POST only");
    const order = await db.order.findUnique(String(req.query.id));
    if (!order) throw new HttpError(404, "Order not found");
    if (order.status !== "paid") throw new HttpError(409, `Order is ${order.status}`);
    await db.order.update(order.id, { status: "refunded" });
    res.status(200).json({ refunded: order.id, amount: order.total, by: req.user.id });
  }),
);
