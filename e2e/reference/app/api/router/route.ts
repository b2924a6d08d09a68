import type { NextRequest } from "next/server";

// A next-connect 1.x router: GET and POST, an onError of its own, and the
// default onNoMatch (404 "Route <method> <url> not found") for the rest.
function onError(err: unknown, req: NextRequest) {
  return Response.json({ error: err instanceof Error ? err.message : "unknown", method: req.method }, { status: 500 });
}

export function GET(req: NextRequest) {
  try {
    return Response.json({ router: "next-connect", q: req.nextUrl.searchParams.get("q") ?? null }, { status: 200 });
  } catch (err) {
    return onError(err, req);
  }
}

export async function POST(req: NextRequest) {
  try {
    const body = await req.json();
    if (body.fail) {
      throw new Error("asked to fail");
    }
    return Response.json({ created: body.name }, { status: 201 });
  } catch (err) {
    return onError(err, req);
  }
}

export function PUT(req: NextRequest) {
  return new Response(`Route ${req.method} ${req.nextUrl.pathname + req.nextUrl.search} not found`, { status: 404 });
}

export { PUT as PATCH, PUT as DELETE };
