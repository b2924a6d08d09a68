import type { NextRequest } from "next/server";

const POSTS = [
  { id: 1, title: "Intro to Go", tags: ["go", "intro"] },
  { id: 2, title: "Next.js routing", tags: ["next", "intro"] },
  { id: 3, title: "Go generics", tags: ["go"] },
];

export async function GET(req: NextRequest) {
  const tags = req.nextUrl.searchParams.has("tag") ? req.nextUrl.searchParams.getAll("tag") : [undefined];
  const posts = POSTS.filter((p) => tags.every((t) => p.tags.includes(t)));
  return Response.json({ tags, count: posts.length, posts: posts.map((p) => p.title) }, { status: 200 });
}
