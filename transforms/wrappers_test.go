package transforms

import (
	"strings"
	"testing"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/project"
)

// TestReadWrapper reads wrapper bodies: which take the handler where, and
// which only refuse the methods they are not given (and with what).
func TestReadWrapper(t *testing.T) {
	const ok = ""
	for _, tt := range []struct {
		name, src string
		layers    int
		handler   argAt
		methods   argAt
		status    int    // of the rejection, when methodsOnly
		why       string // "" when methodsOnly
	}{
		{"405 guard, then the handler",
			"export function w(methods, handler) {\n  return async (req, res) => {\n    if (!methods.includes(req.method)) {\n      res.setHeader(\"Allow\", methods);\n      return res.status(405).end();\n    }\n    return handler(req, res);\n  };\n}\n",
			1, argAt{0, 1}, argAt{0, 0}, 405, ok},
		{"factory, test the other way round",
			"export const w = (methods) => (handler) => async (req, res) => {\n  if (methods.indexOf(req.method) !== -1) return handler(req, res);\n  res.status(405).json({ error: `no ${req.method}` });\n};\n",
			2, argAt{1, 0}, argAt{0, 0}, 405, ok},
		{"one method, 404 json",
			"function w(method, handler) {\n  return (req, res) => {\n    if (req.method !== method) return res.status(404).json({ error: \"Not found\" });\n    return handler(req, res);\n  };\n}\n",
			1, argAt{0, 1}, argAt{0, 0}, 404, ok},
		{"await as the last statement, bare return",
			"function w(handler, methods) {\n  return async function (req, res) {\n    if (!req.method || !methods.includes(req.method)) {\n      res.status(405).end();\n      return;\n    }\n    await handler(req, res);\n  };\n}\n",
			1, argAt{0, 0}, argAt{0, 1}, 405, ok},
		{"does work first",
			"function w(methods, handler) {\n  return async (req, res) => {\n    log(req.url);\n    if (!methods.includes(req.method)) return res.status(405).end();\n    return handler(req, res);\n  };\n}\n",
			1, argAt{0, 1}, noArg, 0, "it does more than refuse the methods it is not given"},
		{"a rejection that falls through to the handler",
			"function w(methods, handler) {\n  return async (req, res) => {\n    if (!methods.includes(req.method)) res.status(405).end();\n    return handler(req, res);\n  };\n}\n",
			1, argAt{0, 1}, argAt{0, 0}, 0, "routemod cannot read what it answers the other methods"},
		{"a rejection body that calls",
			"function w(methods, handler) {\n  return (req, res) => {\n    if (!methods.includes(req.method)) return res.status(404).json(problem(req));\n    return handler(req, res);\n  };\n}\n",
			1, argAt{0, 1}, argAt{0, 0}, 0, "routemod cannot read what it answers the other methods"},
		{"headers on a non-405 answer",
			"function w(methods, handler) {\n  return (req, res) => {\n    if (!methods.includes(req.method)) {\n      res.setHeader(\"Allow\", methods.join(\", \"));\n      return res.status(400).end();\n    }\n    return handler(req, res);\n  };\n}\n",
			1, argAt{0, 1}, argAt{0, 0}, 0, "it sets headers on its answer to the other methods (400)"},
		{"returns the handler itself",
			"export function w(h) {\n  return h;\n}\n",
			0, noArg, noArg, 0, "it does not return a request handler"},
		{"never calls the handler with req, res",
			"export function w(handler) {\n  return (req, res) => handler(req);\n}\n",
			1, noArg, noArg, 0, "routemod cannot see it call the handler with (req, res)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := codemod.NewParser()
			defer p.Close()
			src := []byte(tt.src)
			root, err := p.Parse(src, true)
			if err != nil {
				t.Fatal(err)
			}
			w := &wrapper{file: "lib/w.js", name: "w", handler: noArg, methods: noArg}
			w.read(src, root)
			if w.why != tt.why || w.methodsOnly != (tt.why == ok) {
				t.Errorf("why = %q (methodsOnly %v), want %q", w.why, w.methodsOnly, tt.why)
			}
			if len(w.layers) != tt.layers || w.handler != tt.handler {
				t.Errorf("layers %d, handler %v; want %d, %v", len(w.layers), w.handler, tt.layers, tt.handler)
			}
			if tt.why == ok && (w.methods != tt.methods || w.reject.status != tt.status) {
				t.Errorf("methods %v, status %d; want %v, %d", w.methods, w.reject.status, tt.methods, tt.status)
			}
		})
	}
}

// TestAppWrapper writes wrappers' route-handler versions, in place and
// beside the pages one.
func TestAppWrapper(t *testing.T) {
	for _, tt := range []struct {
		name, file, beside, in, want string
	}{
		{"401 check, in place", "lib/auth.ts", "",
			`import type { NextApiHandler } from "next";

export function withAuth(handler: NextApiHandler): NextApiHandler {
  return async (req, res) => {
    if (!req.headers.authorization) {
      return res.status(401).json({ error: "Unauthorized" });
    }
    return handler(req, res);
  };
}
`,
			`import type { NextRequest } from "next/server";

export function withAuth<C>(handler: (req: NextRequest, ctx: C) => Response | Promise<Response>) {
  return async (req: NextRequest, ctx: C) => {
    if (!req.headers.get("authorization")) {
      return Response.json({ error: "Unauthorized" }, { status: 401 });
    }
    return handler(req, ctx);
  };
}
`},
		{"factory, js, awaited last", "lib/role.js", "",
			`export const withRole = (role) => (handler) => async function (req, res) {
  if (req.headers["x-role"] !== role) {
    res.status(403).json({ error: "Forbidden" });
    return;
  }
  await handler(req, res);
};
`,
			`export const withRole = (role) => (handler) => async function (req, ctx) {
  if ((req.headers.get("x-role") ?? undefined) !== role) {
    return Response.json({ error: "Forbidden" }, { status: 403 });
  }
  return await handler(req, ctx);
};
`},
		{"extra arguments, beside", "lib/project.ts", "withProjectRoute",
			`import type { NextApiRequest, NextApiResponse } from "next";

type Project = { id: string };

export function withProject(handler: (req: NextApiRequest, res: NextApiResponse, project: Project) => unknown) {
  return async (req: NextApiRequest, res: NextApiResponse) => {
    const id = req.query.project as string;
    if (!id) return res.status(400).json({ error: "project?" });
    return handler(req, res, { id });
  };
}
`,
			`import type { NextApiRequest, NextApiResponse } from "next";
import type { NextRequest } from "next/server";

type Project = { id: string };

export function withProject(handler: (req: NextApiRequest, res: NextApiResponse, project: Project) => unknown) {
  return async (req: NextApiRequest, res: NextApiResponse) => {
    const id = req.query.project as string;
    if (!id) return res.status(400).json({ error: "project?" });
    return handler(req, res, { id });
  };
}

export function withProjectRoute<C>(handler: (req: NextRequest, ctx: C, project: Project) => Response | Promise<Response>) {
  return async (req: NextRequest, ctx: C) => {
    const id = (req.nextUrl.searchParams.get("project") ?? undefined) as string;
    if (!id) return Response.json({ error: "project?" }, { status: 400 });
    return handler(req, ctx, { id });
  };
}
`},
		{"expression body, a conditional", "lib/auth.ts", "",
			`import type { NextApiHandler } from "next";
export const withAuth = (h: NextApiHandler): NextApiHandler => (req, res) =>
  req.headers.authorization ? h(req, res) : res.status(401).end();
`,
			`import type { NextRequest } from "next/server";
export const withAuth = <C>(h: (req: NextRequest, ctx: C) => Response | Promise<Response>) => (req: NextRequest, ctx: C) => {
  return req.headers.get("authorization") ? h(req, ctx) : new Response(null, { status: 401 });
};
`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := codemod.NewParser()
			defer p.Close()
			src := []byte(tt.in)
			ts := strings.HasSuffix(tt.file, ".ts")
			root, err := p.Parse(src, !ts)
			if err != nil {
				t.Fatal(err)
			}
			name := map[string]string{"lib/auth.ts": "withAuth", "lib/role.js": "withRole", "lib/project.ts": "withProject"}[tt.file]
			w := &wrapper{file: tt.file, name: name, handler: noArg, methods: noArg}
			w.read(src, root)
			f := &codemod.File{Path: tt.file, Src: src, Root: root, TypeScript: ts, Style: codemod.DetectStyle(src), NextMajor: 16}
			if why := appWrapper(f, project.FromMoves(nil), w, tt.beside); why != "" {
				t.Fatalf("appWrapper: %s", why)
			}
			sorted, err := codemod.SortEdits(f.Edits())
			if err != nil {
				t.Fatal(err)
			}
			out, err := codemod.ApplyEdits(src, sorted)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", out, tt.want)
			}
		})
	}
}

// TestAppWrapperHeaders: headers a wrapper set before the handler go on
// the handler's Response; its cookies too, each one, unless the handler
// set cookies of its own (in pages its setHeader replaced the wrapper's).
func TestAppWrapperHeaders(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"a header", `export function withCache(handler) {
  return async (req, res) => {
    res.setHeader("Cache-Control", "s-maxage=60");
    return handler(req, res);
  };
}
`, `export function withCache(handler) {
  return async (req, ctx) => {
    const headers = new Headers();
    headers.set("Cache-Control", "s-maxage=60");
    const handled = await handler(req, ctx);
    const response = new Response(handled.body, handled);
    headers.forEach((value, key) => {
      if (!response.headers.has(key)) response.headers.set(key, value);
    });
    return response;
  };
}
`},
		{"cookies", `export function withCache(handler) {
  return async (req, res) => {
    res.setHeader("Set-Cookie", ["a=1", "b=2"]);
    return handler(req, res);
  };
}
`, `export function withCache(handler) {
  return async (req, ctx) => {
    const headers = new Headers();
    headers.delete("Set-Cookie"); headers.append("Set-Cookie", "a=1"); headers.append("Set-Cookie", "b=2");
    const handled = await handler(req, ctx);
    const response = new Response(handled.body, handled);
    const handlerCookies = response.headers.has("set-cookie");
    headers.forEach((value, key) => {
      if (key === "set-cookie" ? !handlerCookies : !response.headers.has(key)) response.headers.append(key, value);
    });
    return response;
  };
}
`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			p := codemod.NewParser()
			defer p.Close()
			root, err := p.Parse(src, true)
			if err != nil {
				t.Fatal(err)
			}
			w := &wrapper{file: "lib/cache.js", name: "withCache", handler: noArg, methods: noArg}
			w.read(src, root)
			f := &codemod.File{Path: w.file, Src: src, Root: root, Style: codemod.DetectStyle(src), NextMajor: 16}
			if why := appWrapper(f, project.FromMoves(nil), w, ""); why != "" {
				t.Fatal(why)
			}
			sorted, _ := codemod.SortEdits(f.Edits())
			out, err := codemod.ApplyEdits(src, sorted)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", out, tt.want)
			}
		})
	}
}

// TestAppWrapperRefused: what a wrapper's app version cannot carry with
// the same meaning leaves it as it is, with the reason.
func TestAppWrapperRefused(t *testing.T) {
	for _, tt := range []struct{ name, file, src, why string }{
		{"code after the handler", "lib/t.js",
			"export function w(handler) {\n  return async (req, res) => {\n    await handler(req, res);\n    console.log(res.statusCode);\n  };\n}\n",
			"it uses what the handler returns, or runs code after it"},
		{"status before the handler", "lib/t.js",
			"export function w(handler) {\n  return async (req, res) => {\n    res.status(201);\n    return handler(req, res);\n  };\n}\n",
			"it sets the status before it calls the handler, which answers with its own"},
		{"pages types in its JSDoc", "lib/t.js",
			"/** @param {import('next').NextApiHandler} handler */\nexport function w(handler) {\n  return async (req, res) => handler(req, res);\n}\n",
			"its doc comment types it with the pages-router types"},
		{"expression body, the handler's result tested", "lib/t.js",
			"export const w = (h) => (req, res) => req.headers.authorization && h(req, res);\n",
			"it uses what the handler returns"},
		{"expression body, a branch that does not send", "lib/t.js",
			"export const w = (h) => (req, res) => req.headers.authorization ? h(req, res) : undefined;\n",
			"a branch of the expression it returns neither sends a response nor calls the handler"},
		{"pages types in its JSDoc, block body", "lib/t.js",
			"/** @param {import('next').NextApiHandler} handler */\nexport function w(handler) {\n  return async (req, res) => {\n    return handler(req, res);\n  };\n}\n",
			"its doc comment types it with the pages-router types"},
		{"res handed on", "lib/t.js",
			"export function w(handler) {\n  return async (req, res) => {\n    if (await limited(req, res)) return;\n    return handler(req, res);\n  };\n}\n",
			"its body has what routemod cannot translate with the same meaning"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := codemod.NewParser()
			defer p.Close()
			src := []byte(tt.src)
			root, err := p.Parse(src, true)
			if err != nil {
				t.Fatal(err)
			}
			w := &wrapper{file: tt.file, name: "w", handler: noArg, methods: noArg}
			w.read(src, root)
			why := w.trial(p, project.FromMoves(nil), src, root, true)
			if !strings.HasPrefix(why, tt.why) {
				t.Errorf("why = %q, want %q...", why, tt.why)
			}
		})
	}
}
