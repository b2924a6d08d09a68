package libraries

// nextConnect are the rows of next-connect (facts read from its source:
// src/index.js at v0.13.0, src/index.ts, node.ts and edge.ts at v1.0.0).
// Neither form is translated yet: the route is skipped, its reason naming
// the app-router form. 0.x's nc() has no app-router form; 1.0.0 added
// createEdgeRouter, whose run(req, ctx) takes a Request and resolves the
// handler's Response (undefined when no route matches).
var nextConnect = []Row{
	{
		Package:  "next-connect",
		Modules:  []string{"next-connect"},
		Name:     "createRouter",
		Versions: ">=1.0.0 <2",
		Wrapper:  true,
		Pages:    "const router = createRouter(); router.get(h).post(h); export default router.handler(options)",
		App:      "const router = createEdgeRouter<NextRequest, { params: Promise<...> }>() with handlers taking the Request and returning a Response, and one export per method: export async function GET(req, ctx) { return router.run(req, ctx) } (run resolves undefined where handler() answered onNoMatch's 404), or one export per method written from the handlers",
		Fixture:  "lib-next-connect",
	},
	{
		Package:  "next-connect",
		Modules:  []string{"next-connect"},
		Name:     "default",
		Versions: ">=1.0.0 <2",
		Wrapper:  true,
		Pages:    "export default nc({ onError, onNoMatch }).get(h).post(h) (0.x)",
		App:      "one export per method written from the chain's handlers (each taking the NextRequest and returning a Response; .use() middleware run first in each); or next-connect 1.x's createEdgeRouter",
		Fixture:  "lib-next-connect-v0",
	},
}
