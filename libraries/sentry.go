package libraries

// sentry are the rows of @sentry/nextjs's pages API wrappers (facts read
// from its source, packages/nextjs/src at the tags 7.30.0, 7.31.0,
// 7.60.0 to 7.69.0, 7.120.0, 8.0.0, 9.0.0, 10.0.0 and 10.63.0).
// withSentry(handler) is 6.x and 7.x (gone in 8.0.0);
// wrapApiHandlerWithSentry(handler, route) came with 7.31.0. Neither
// wraps a route handler: wrapRouteHandlerWithSentry(handler, { method,
// parameterizedRoute }), exported from 7.67.0 on (both runtimes), is
// their app-router form. withSentryConfig's webpack loader wraps route
// handlers with it by itself (autoInstrumentAppDirectory, from 7.67.0),
// but its Turbopack config (Next.js 16's default build) runs no such
// loader: there route-handler errors reach Sentry only through Next's
// onRequestError hook (captureRequestError, 8.28.0 on) where the project
// sets it up. So routemod keeps the wrapping explicit: the SDK skips an
// error it already captured, so the loader's second wrap is harmless.
var sentry = []Row{
	{
		Package:  "@sentry/nextjs",
		Modules:  []string{"@sentry/nextjs"},
		Name:     "withSentry",
		Versions: ">=7.67.0 <11",
		Pages:    "export default withSentry(handler) (6.x, 7.x)",
		App:      "export const GET = wrapRouteHandlerWithSentry(async function GET(req) {...}, { method: \"GET\", parameterizedRoute: \"/api/x\" }) for each method",
		Fixture:  "lib-sentry",
	},
	{
		Package:  "@sentry/nextjs",
		Modules:  []string{"@sentry/nextjs"},
		Name:     "wrapApiHandlerWithSentry",
		Versions: ">=7.67.0 <11",
		Pages:    "export default wrapApiHandlerWithSentry(handler, \"/api/x\") (7.31.0 on)",
		App:      "export const GET = wrapRouteHandlerWithSentry(async function GET(req) {...}, { method: \"GET\", parameterizedRoute: \"/api/x\" }) for each method",
		Fixture:  "lib-sentry",
	},
}
