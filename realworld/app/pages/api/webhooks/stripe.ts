import type { NextApiRequest, NextApiResponse } from "next";
import { createHmac } from "crypto";
import { buffer } from "@/lib/rawBody";
import { db } from "@/lib/db";

export const config = {
  api: {
    bodyParser: false,
  },
};

type StripeEvent = {
  type: string;
  data: { object: { id: string; metadata?: { orderId?: string } } };
};

const secret = process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_test";

export default async function stripeWebhook(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    return res.status(405).end("Method Not Allowed");
  }
  const buf = await buffer(req);
  const signature = req.headers["stripe-signature"];
  const expected = createHmac("sha256", secret).update(buf).digest("hex");
  if (signature !== expected) {
    return res.status(400).send("Webhook Error: bad signature");
  }

  const event = JSON.parse(buf.toString("utf8")) as StripeEvent;
  switch (event.type) {
    case "checkout.session.completed": {
      const orderId = event.data.object.metadata?.orderId;
      if (orderId) await db.order.update(orderId, { status: "paid" });
      break;
    }
    case "charge.refunded":
      console.log("refund", event.data.object.id);
      break;
    default:
      console.log(`Unhandled event type ${event.type}`);
  }
  res.json({ received: true });
}
