package libraries

// trpc is the row of tRPC's Next.js API adapter (facts read from its
// source, packages/server/src/adapters/next.ts and adapters/fetch/ at the
// tags v9.27.0, v10.0.0, v10.7.0, v10.8.0, v10.45.2, v11.0.0 and
// v11.18.0). createNextApiHandler(opts) reads the procedure path from
// req.query.trpc ([trpc] or [...trpc]); the fetch adapter,
// fetchRequestHandler({ endpoint, req, ...opts }), first shipped in
// 10.0.0 (9.x has none), cuts it from the URL after endpoint, and takes
// the same router, createContext, onError, responseMeta and batching
// (allowBatching, allowMethodOverride in 11). It calls createContext with
// { req: Request } (10.0-10.7), { req, resHeaders } (10.8 on; 11 adds
// info) where the Next adapter passed { req, res }; middleware and
// maxBodySize are the Node adapter's own.
var trpc = []Row{
	{
		Package:  "@trpc/server",
		Modules:  []string{"@trpc/server/adapters/next"},
		Name:     "createNextApiHandler",
		Versions: ">=10.0.0 <12",
		Pages:    "export default createNextApiHandler({ router, createContext, onError }) in pages/api/trpc/[trpc]",
		App:      "const handler = (req: Request) => fetchRequestHandler({ endpoint: \"/api/trpc\", req, router, createContext, onError }); export { handler as GET, handler as POST } (fetchRequestHandler from @trpc/server/adapters/fetch; createContext gets { req: Request, resHeaders: Headers })",
		Fixture:  "lib-trpc",
	},
}
