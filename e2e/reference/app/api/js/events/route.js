/** @param {import('next/server').NextRequest} req */
export async function GET(req) {
  const from = Number(req.nextUrl.searchParams.get("from") ?? "1");
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      for (let id = from; id < from + 3; id++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        controller.enqueue(encoder.encode(`id: ${id}\ndata: item ${id}\n\n`));
      }
      controller.enqueue(encoder.encode("event: end\ndata: \n\n"));
      controller.close();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache" },
  });
}
