import { createRouter } from "next-connect"

// A next-connect 1.x router with the default onError (500 "Internal Server
// Error") and an onNoMatch answering 405 as Next.js does.
const router = createRouter()

router.get((req, res) => {
  if (req.query.fail) {
    throw new Error("asked to fail")
  }
  res.send("routed")
})

export default router.handler({
  onNoMatch: (req, res) => {
    res.status(405).end()
  },
})
