import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "@/lib/db";

type GraphQLBody = { query?: string; variables?: Record<string, unknown>; operationName?: string };

// A stand-in for a GraphQL endpoint: enough of one to route two queries.
export default async function graphql(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "POST") {
    return res.status(405).json({ errors: [{ message: "POST only" }] });
  }
  const { query, variables } = req.body as GraphQLBody;
  if (!query) return res.status(400).json({ errors: [{ message: "Must provide query string." }] });

  if (query.includes("users")) {
    return res.json({ data: { users: await db.user.findMany() } });
  }
  if (query.includes("post")) {
    const slug = String(variables?.slug ?? "");
    return res.json({ data: { post: await db.post.findFirst({ slug }) } });
  }
  res.status(400).json({ errors: [{ message: "Unknown query" }] });
}
