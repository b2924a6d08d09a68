import type { NextRequest } from "next/server";

export async function GET(req: NextRequest, { params }: { params: Promise<{ slug: string[] }> }) {
  const slug = (await params).slug as string[];
  return Response.json({ slug, depth: slug.length }, { status: 200 });
}
