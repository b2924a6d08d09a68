import type { NextRequest } from "next/server";

export async function GET(req: NextRequest) {
  const rows = Math.min(Number(req.nextUrl.searchParams.get("rows") ?? "3"), 50);
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      try {
        controller.enqueue(encoder.encode("id,name,price\n"));
        for (let id = 1; id <= rows; id++) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          controller.enqueue(encoder.encode(`${id},"item ${id}",${(id * 1.5).toFixed(2)}\n`));
        }
        controller.enqueue(encoder.encode("# end\n"));
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="export.csv"',
    },
  });
}
