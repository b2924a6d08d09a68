package libraries

// nextConnect are the rows of next-connect (facts read from its source:
// src/index.js at v0.10.0 to v0.13.0, src/node.ts, edge.ts, router.ts and
// types.ts at v1.0.0). Both forms become one export per method written
// from the router's handlers (transforms/nextconnect.go): a route file is
// already a router by method, so no router is kept. What the router
// answered besides its handlers is kept as written there:
//   - 0.x: nc() catches what a handler throws (sync or async) and calls
//     onError(err, req, res, next), by default answering err.status || 500
//     with err.message as the body; a method no route serves gets
//     onNoMatch(req, res), by default 404 "not found". HEAD is served by
//     a GET route (trouter).
//   - 1.x: router.handler(options) catches what a handler or onNoMatch
//     throws and calls onError(err, req, res), by default console.error(err)
//     and 500 "Internal Server Error"; a method no route serves (or only
//     .use() middleware) gets onNoMatch(req, res), by default 404 "Route
//     <method> <url> not found". HEAD is served by a GET route.
//
// createEdgeRouter (1.x) is not needed: it would dispatch by method again
// inside handlers that already are the method exports.
var nextConnect = []Row{
	{
		Package:  "next-connect",
		Modules:  []string{"next-connect"},
		Name:     "createRouter",
		Versions: ">=1.0.0 <2",
		Pages:    "const router = createRouter(); router.get(h).post(h); export default router.handler({ onError, onNoMatch })",
		App:      "one export per method written from the router's handlers (export async function GET(req) {...}), each in a try/catch returning onError's answer; onNoMatch's answer exported under the methods no route serves unless it is a 405 (Next.js answers those 405 itself)",
		Fixture:  "lib-next-connect",
	},
	{
		Package:  "next-connect",
		Modules:  []string{"next-connect"},
		Name:     "default",
		Versions: ">=0.10.0 <1",
		Pages:    "export default nc({ onError, onNoMatch }).get(h).post(h) (0.x; also through a const)",
		App:      "one export per method written from the chain's handlers (export async function GET(req) {...}), each in a try/catch returning onError's answer; onNoMatch's answer exported under the methods no route serves unless it is a 405 (Next.js answers those 405 itself)",
		Fixture:  "lib-next-connect-v0",
	},
}
