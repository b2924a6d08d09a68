import { after, type NextRequest } from "next/server";

let processed = 0;

export async function GET(req: NextRequest) {
  return Response.json({ processed }, { status: 200 });
}

export async function POST(req: NextRequest) {
  const body = { accepted: true, processed };
  after(() => {
    processed += 1;
    console.log("after", processed);
  });
  return Response.json(body, { status: 202 });
}
