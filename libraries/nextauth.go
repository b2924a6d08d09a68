package libraries

// nextAuth are the rows of next-auth v4 (facts read from its source,
// packages/next-auth/src/next/index.ts and src/jwt/index.ts, at the tags
// named).
var nextAuth = []Row{
	nextAuthRoute,
	getSessionOnServer,
	{
		// getServerSession is exported from 4.19.0 on (unstable_ before);
		// called with the options alone it reads next/headers itself, and
		// awaits headers() and cookies() from 4.24.9 on (Next.js 15+, where
		// they are async; Next.js 16 has no sync form).
		Package:  "next-auth",
		Modules:  []string{"next-auth", "next-auth/next"},
		Name:     "getServerSession",
		Versions: ">=4.19.0 <5",
		Next15:   ">=4.24.9 <5",
		Pages:    "getServerSession(req, res, authOptions)",
		App:      "getServerSession(authOptions)",
		Fixture:  "lib-next-auth-session",
	},
	{
		// getToken reads req.cookies through getAll() (a NextRequest's
		// RequestCookies) from 4.16.0 on, and the Authorization header
		// through Headers.get when req.headers is a Headers.
		Package:  "next-auth",
		Modules:  []string{"next-auth/jwt"},
		Name:     "getToken",
		Versions: ">=4.16.0 <5",
		Pages:    "getToken({ req })",
		App:      "getToken({ req }) (unchanged: it reads a NextRequest)",
		Fixture:  "lib-next-auth-token",
	},
}

// nextAuthRoute is the catch-all route of next-auth v4. NextAuth(options)
// returns one function for both routers: it runs the route handler when
// its second argument has params (4.22.1 on; absent in 4.21.1), awaiting
// params, headers() and cookies() from 4.24.9 on (Next.js 15+).
var nextAuthRoute = Row{
	Package:  "next-auth",
	Modules:  []string{"next-auth", "next-auth/next"},
	Name:     "default",
	Versions: ">=4.22.1 <5",
	Next15:   ">=4.24.9 <5",
	Pages:    "export default NextAuth(authOptions) in pages/api/auth/[...nextauth]",
	App:      "const handler = NextAuth(authOptions); export { handler as GET, handler as POST }",
	Fixture:  "lib-next-auth-route",
}

// getSession of next-auth/react, called on the server with the pages
// request, fetches /api/auth/session with req.headers.cookie: a
// NextRequest has no such property, so it sends no cookie and returns
// null. The app form reads the session in process.
var getSessionOnServer = Row{
	Package:  "next-auth",
	Modules:  []string{"next-auth/react", "next-auth/client"},
	Name:     "getSession",
	Versions: ">=4.19.0 <5",
	Next15:   ">=4.24.9 <5",
	Pages:    "getSession({ req })",
	App:      "getServerSession(authOptions), authOptions being what the project's [...nextauth] route passes to NextAuth",
	Fixture:  "lib-next-auth-get-session",
}
