package libraries

// corsRows are the rows of the CORS middlewares: cors (expressjs/cors,
// lib/index.js read at v2.8.5) run through the Next.js docs'
// runMiddleware, and nextjs-cors (src/index.ts read at v2.2.1; every 2.x
// wraps cors ^2.8.5 the same way), which does that itself. cors answers a
// preflight (OPTIONS) with 204 and its Access-Control-* headers before the
// handler runs, and adds Access-Control-Allow-Origin (and Vary, credentials,
// exposed headers) to every other answer. The cors instance and the
// runMiddleware may live in a module of the project (lib/middleware.ts:
// export const cors = Cors(options)), whose options routemod reads there.
var corsRows = []Row{
	{
		Package:  "cors",
		Modules:  []string{"cors"},
		Name:     "default",
		Versions: ">=2.8.0 <3",
		Pages:    "await runMiddleware(req, res, cors) as the handler's first statement, cors = Cors(options) in the route or a project module (lib/)",
		App:      "the Access-Control-* headers cors sets, on every response, and export async function OPTIONS answering the preflight as cors did",
		Fixture:  "lib-cors-lib",
	},
	{
		Package:  "nextjs-cors",
		Modules:  []string{"nextjs-cors"},
		Name:     "default",
		Versions: ">=2.0.0 <3",
		Pages:    "await NextCors(req, res, options) as the handler's first statement",
		App:      "the Access-Control-* headers cors sets, on every response, and export async function OPTIONS answering the preflight as cors did",
		Fixture:  "lib-cors",
	},
}
