import type { NextRequest } from "next/server";

export const config = {
  runtime: "edge",
};

export default async function handler(req: NextRequest) {
  const name = req.nextUrl.searchParams.get("name") ?? "world";
  return new Response(JSON.stringify({ hello: name }), {
    status: 200,
    headers: { "content-type": "application/json" },
  });
}
