package libraries

// auth0 are the rows of @auth0/nextjs-auth0 3.x (facts read from its
// source, src/handlers/auth.ts, src/session/get-session.ts,
// src/helpers/with-api-auth-required.ts and src/http/ at the tags v3.0.0
// and v3.8.0; v4 at v4.0.0, v4.9.0 and v4.27.0). 3.x serves both routers
// from the same exports: handleAuth() and withApiAuthRequired(h) return
// functions that run the app-router form when their first argument is a
// Request, and getSession() with no arguments reads the session through
// next/headers. It reads cookies() and ctx.params synchronously, which
// Next.js 15 still allowed (with a warning) and 16 removed; its peer
// range ends at 15. 4.0.0 replaced the module's functions with the
// methods of an Auth0Client the project creates (auth0.getSession(),
// auth0.withApiAuthRequired from 4.9.0) and mounts the auth routes in
// middleware at /auth/*.
var auth0 = []Row{
	{
		Package:  "@auth0/nextjs-auth0",
		Modules:  []string{"@auth0/nextjs-auth0"},
		Name:     "handleAuth",
		Versions: ">=3.0.0 <4",
		MaxNext:  15,
		Later:    auth0Later,
		Pages:    "export default handleAuth() in pages/api/auth/[auth0]",
		App:      "const handler = handleAuth(); export { handler as GET, handler as POST }",
		Fixture:  "lib-auth0",
	},
	{
		Package:  "@auth0/nextjs-auth0",
		Modules:  []string{"@auth0/nextjs-auth0"},
		Name:     "getSession",
		Versions: ">=3.0.0 <4",
		MaxNext:  15,
		Later:    auth0Later,
		Pages:    "getSession(req, res)",
		App:      "getSession() (it reads the session through next/headers)",
		Fixture:  "lib-auth0",
	},
	{
		Package:  "@auth0/nextjs-auth0",
		Modules:  []string{"@auth0/nextjs-auth0"},
		Name:     "withApiAuthRequired",
		Versions: ">=3.0.0 <4",
		MaxNext:  15,
		Later:    auth0Later,
		Pages:    "export default withApiAuthRequired(handler)",
		App:      "export const GET = withApiAuthRequired(async function GET(req) {...}) for each method",
		Fixture:  "lib-auth0",
	},
}

// Auth0V4 names @auth0/nextjs-auth0 4's app-router forms.
const Auth0V4 = "4's forms are the methods of the project's Auth0Client (export const auth0 = new Auth0Client() from @auth0/nextjs-auth0/server): const session = await auth0.getSession() in a route handler, export const GET = auth0.withApiAuthRequired(async function GET(req) {...}) (4.9.0 on), and the auth routes (/auth/login, /auth/callback, ...) mounted by auth0.middleware(request) in middleware.ts instead of an [auth0] route"

// auth0Later is what Next.js 16 needs instead of 3.x's forms.
const auth0Later = "3.x reads cookies() and the route params synchronously, which Next.js 16 removed; upgrade to @auth0/nextjs-auth0 4: " + Auth0V4
