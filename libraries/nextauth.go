package libraries

// nextAuth are the rows of next-auth v4 (facts read from its source,
// packages/next-auth/src/next/index.ts and src/jwt/index.ts, at the tags
// named).
var nextAuth = []Row{
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
