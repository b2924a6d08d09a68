import type { NextRequest } from "next/server";

export function GET(req: NextRequest) {
  const count = Math.min(Number(req.nextUrl.searchParams.get("count") ?? "3"), 10);
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(encoder.encode("retry: 1000\n\n"));
      let sent = 0;
      const timer = setInterval(() => {
        sent++;
        controller.enqueue(encoder.encode(`id: ${sent}\nevent: tick\ndata: ${JSON.stringify({ n: sent })}\n\n`));
        if (sent >= count) {
          clearInterval(timer);
          controller.enqueue(encoder.encode("event: done\ndata: bye\n\n"));
          controller.close();
        }
      }, 20);
      req.signal.addEventListener("abort", () => clearInterval(timer));
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
    },
  });
}
