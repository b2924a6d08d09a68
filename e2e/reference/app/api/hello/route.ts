// Next.js API route support: https://nextjs.org/docs/api-routes/introduction
import type { NextRequest } from "next/server";

type Data = {
  name: string;
};

async function handler(req: NextRequest) {
  return Response.json({ name: "John Doe" }, { status: 200 });
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
