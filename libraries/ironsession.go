package libraries

// ironSession are the rows of iron-session (facts read from its source,
// src/core.ts and src/next.ts, at the tags v6.3.1 and v8.0.0 to v8.0.4;
// there is no v7).
var ironSession = []Row{
	{
		// getIronSession(cookieStore, options) exists from 8.0.0 on: the
		// store is anything with get(name) and set(name, value, options),
		// which next/headers' cookies() is; save() and destroy() call its
		// set, which a route handler may (the cookie goes out with the
		// Response it returns). 6.x only takes (req, res, options).
		Package:  "iron-session",
		Modules:  []string{"iron-session"},
		Name:     "getIronSession",
		Versions: ">=8.0.0 <9",
		Pages:    "getIronSession(req, res, options)",
		App:      "getIronSession(await cookies(), options)",
		Fixture:  "lib-iron-session",
	},
	{
		// withIronSessionApiRoute(handler, options) of iron-session/next
		// (6.x) put the session on req.session; 8.0.0 removed it and
		// iron-session/next with it. No version runs it in a route handler:
		// the route is skipped, naming v8's form.
		Package:  "iron-session",
		Modules:  []string{"iron-session/next"},
		Name:     "withIronSessionApiRoute",
		Versions: ">=8.0.0 <9",
		Wrapper:  true,
		Pages:    "export default withIronSessionApiRoute(handler, options), handler reading req.session",
		App:      "const session = await getIronSession(await cookies(), options) in each method (iron-session >=8.0.0)",
		Fixture:  "lib-iron-session-v6",
	},
}
