// A next-connect 1.x router with the default onError (500 "Internal Server
// Error") and an onNoMatch answering 405 as Next.js does.
export function GET(req) {
  try {
    if (req.nextUrl.searchParams.get("fail")) {
      throw new Error("asked to fail")
    }
    return new Response("routed")
  } catch (err) {
    console.error(err)
    return new Response("Internal Server Error", { status: 500 })
  }
}
