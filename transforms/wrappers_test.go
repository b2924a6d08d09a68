package transforms

import (
	"testing"

	"github.com/routemod/routemod/codemod"
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
