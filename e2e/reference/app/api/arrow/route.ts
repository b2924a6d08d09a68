import type { NextRequest } from "next/server";

export const GET = async (req: NextRequest) => {
  return Response.json({ message: "arrow handler", ok: true }, { status: 200 });
};
