package transforms_test

import (
	"strings"
	"testing"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/transforms"
)

// TestStreams runs handlers through every transform: the simple streaming
// shape becomes a ReadableStream; anything near it that the rule refuses
// keeps res.write under a marker (needs-review).
func TestStreams(t *testing.T) {
	const streamed, refused = "streamed", "refused"
	for _, tt := range []struct {
		name, in, want string
	}{
		{"straight writes", `export default function h(req, res) {
  res.write("a");
  res.end("b");
}
`, `function h(req) {
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      try {
        controller.enqueue(encoder.encode("a"));
        controller.enqueue(encoder.encode("b"));
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return new Response(stream);
}
`},
		{"names taken", `const encoder = 1, stream = 2, controller = 3, error = 4;
export default function h(req, res) {
  res.write("a" + encoder);
  res.end();
}
`, `const encoder = 1, stream = 2, controller = 3, error = 4;
function h(req) {
  const textEncoder = new TextEncoder();
  const responseStream = new ReadableStream({
    async start(streamController) {
      try {
        streamController.enqueue(textEncoder.encode("a" + encoder));
        streamController.close();
      } catch (streamError) {
        streamController.error(streamError);
      }
    },
  });
  return new Response(responseStream);
}
`},
		{"bytes only: no encoder", "export default function h(req, res) {\n  res.write(Buffer.from([1]));\n  res.end();\n}\n", streamed},
		{"status written before", "export default function h(req, res) {\n  res.statusCode = 202;\n  res.write(\"a\");\n  res.end();\n}\n", streamed},
		{"writes in an if in a loop", "export default function h(req, res) {\n  for (const x of [1, 2]) { if (x > 1) res.write(`${x}`); }\n  res.end();\n}\n", streamed},
		{"a number chunk", "export default function h(req, res) {\n  res.write(1 + 2);\n  res.end();\n}\n", refused},
		{"JSON.stringify chunk", "export default function h(req, res) {\n  res.write(JSON.stringify(req.query));\n  res.end();\n}\n", refused},
		{"write in a callback", "export default function h(req, res) {\n  [\"a\"].forEach((x) => res.write(x));\n  res.write(\"b\");\n  res.end();\n}\n", refused},
		{"res.on close", "export default function h(req, res) {\n  res.on(\"close\", () => {});\n  res.write(\"a\");\n  res.end();\n}\n", refused},
		{"flushes go", `export default function h(req, res) {
  res.setHeader("Content-Type", "text/event-stream");
  res.flushHeaders();
  for (const x of ["a", "b"]) {
    res.write("data: " + x + "\n\n");
    res.flush?.();
  }
  (res as any).flush();
  res.end();
}
`, `import type { NextRequest } from "next/server";

function h(req: NextRequest) {
  const headers = new Headers();
  headers.set("Content-Type", "text/event-stream");
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      try {
        for (const x of ["a", "b"]) {
          controller.enqueue(encoder.encode("data: " + x + "\n\n"));
        }
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return new Response(stream, { headers });
}
`},
		{"timed SSE", `export default function h(req, res) {
  res.writeHead(200, { "Content-Type": "text/event-stream" });
  res.flushHeaders();
  let n = 0;
  const timer = setInterval(() => {
    n++;
    res.write("data: " + n + "\n\n");
    if (n === 3) res.end("event: done\n\n");
  }, 10);
  req.on("close", () => clearInterval(timer));
}
`, `function h(req) {
  let status = 200;
  const headers = new Headers();
  status = 200; headers.set("Content-Type", "text/event-stream");
  let n = 0;
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      try {
        const timer = setInterval(() => {
          n++;
          controller.enqueue(encoder.encode("data: " + n + "\n\n"));
          if (n === 3) { controller.enqueue(encoder.encode("event: done\n\n")); clearInterval(timer); controller.close(); }
        }, 10);
        req.signal.addEventListener("abort", () => clearInterval(timer));
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return new Response(stream, { status, headers });
}
`},
		{"heartbeat, endless, res.on close", `export default function h(req, res) {
  res.setHeader("Content-Type", "text/event-stream");
  const beat = setInterval(() => res.write(": ping\n\n"), 15000);
  const off = subscribe((m) => {});
  res.on("close", () => { off(); });
}
`, `function h(req) {
  const headers = new Headers();
  headers.set("Content-Type", "text/event-stream");
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      try {
        const beat = setInterval(() => controller.enqueue(encoder.encode(": ping\n\n")), 15000);
        req.signal.addEventListener("abort", () => clearInterval(beat));
        const off = subscribe((m) => {});
        req.signal.addEventListener("abort", () => { off(); });
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return new Response(stream, { headers });
}
`},
		{"an emitter's listener, removed on close", "export default function h(req, res) {\n  res.setHeader(\"Content-Type\", \"text/event-stream\");\n  const onMessage = (m) => res.write(`data: ${m}\\n\\n`);\n  bus.on(\"message\", onMessage);\n  req.on(\"close\", () => bus.off(\"message\", onMessage));\n}\n", streamed},
		{"an emitter's listener, never removed", "export default function h(req, res) {\n  res.setHeader(\"Content-Type\", \"text/event-stream\");\n  const onMessage = (m) => res.write(`data: ${m}\\n\\n`);\n  bus.on(\"message\", onMessage);\n  req.on(\"close\", () => {});\n}\n", refused},
		{"an async timer callback", "export default function h(req, res) {\n  const t = setInterval(async () => { res.write(\"a\" + (await next())); }, 10);\n}\n", refused},
		{"write in a listener", "export default function h(req, res) {\n  const t = setInterval(() => {}, 10);\n  bus.on(\"m\", (m) => res.write(\"a\"));\n}\n", refused},
		{"timer handle not kept", "export default function h(req, res) {\n  setInterval(() => res.write(\"a\"), 10);\n}\n", refused},
		{"res.on close in a stream that ends", "export default function h(req, res) {\n  res.on(\"close\", () => {});\n  const t = setTimeout(() => res.end(\"a\"), 10);\n}\n", refused},
		{"a timer name used before the stream", "export default function h(req, res) {\n  req.on(\"close\", () => clearInterval(t));\n  const t = setInterval(() => res.write(\"a\"), 10);\n}\n", refused},
		{"pipe a file", `import fs from "node:fs";
export default function h(req, res) {
  res.setHeader("Content-Type", "application/pdf");
  fs.createReadStream("/tmp/a.pdf").pipe(res);
}
`, `import fs from "node:fs";
import { Readable } from "node:stream";
function h(req) {
  const headers = new Headers();
  headers.set("Content-Type", "application/pdf");
  return new Response(/** @type {ReadableStream} */ (Readable.toWeb(fs.createReadStream("/tmp/a.pdf"))), { headers });
}
`},
		{"pipeline of a gzip, awaited", `import { pipeline } from "node:stream/promises";
import { Readable } from "stream";
import zlib from "zlib";
export default async function h(req, res) {
  const gz = Readable.from(["a"]).pipe(zlib.createGzip());
  res.writeHead(200, { "Content-Encoding": "gzip" });
  await pipeline(gz, res);
}
`, `import { pipeline } from "node:stream/promises";
import { Readable } from "stream";
import zlib from "zlib";
async function h(req) {
  let status = 200;
  const headers = new Headers();
  const gz = Readable.from(["a"]).pipe(zlib.createGzip());
  status = 200; headers.set("Content-Encoding", "gzip");
  return new Response(/** @type {ReadableStream} */ (Readable.toWeb(gz)), { status, headers });
}
`},
		{"a fetch body", `import { Readable } from "node:stream";
export default async function h(req, res) {
  const r = await fetch("https://example.com/x");
  res.status(r.status);
  Readable.fromWeb(r.body).pipe(res);
}
`, `async function h(req) {
  let status = 200;
  const r = await fetch("https://example.com/x");
  status = r.status;
  return new Response(r.body, { status });
}
`},
		{"Readable.from strings", "import { Readable } from \"node:stream\";\nexport default function h(req, res) {\n  Readable.from([\"a\", \"b\"]).pipe(res);\n}\n", streamed},
		{"pipe of an unknown stream", "export default function h(req, res) {\n  makeStream().pipe(res);\n}\n", refused},
		{"pipeline with a callback", "import { pipeline } from \"stream\";\nimport fs from \"fs\";\nexport default function h(req, res) {\n  pipeline(fs.createReadStream(\"a\"), res, () => {});\n}\n", refused},
		{"pipe, then more", "import fs from \"fs\";\nexport default function h(req, res) {\n  fs.createReadStream(\"a\").pipe(res);\n  console.log(1);\n}\n", refused},
		{"flushHeaders on another path", "export default function h(req, res) {\n  if (req.query.a) { res.flushHeaders(); }\n  res.write(\"a\");\n  res.end();\n}\n", refused},
		{"write's return value", "export default function h(req, res) {\n  const ok = res.write(\"a\");\n  res.end();\n}\n", refused},
		{"writeHead after a write", "export default function h(req, res) {\n  res.write(\"a\");\n  res.writeHead(200);\n  res.end();\n}\n", refused},
		{"res.socket", "export default function h(req, res) {\n  res.socket.setNoDelay(true);\n  res.write(\"a\");\n  res.end();\n}\n", refused},
		{"var hoists", "export default function h(req, res) {\n  res.write(\"a\");\n  var n = 1;\n  res.end();\n}\n", refused},
		{"this", "export default function h(req, res) {\n  res.write(\"a\" + this);\n  res.end();\n}\n", refused},
		{"labelled break", "export default function h(req, res) {\n  out: for (const a of [1]) { res.write(\"a\"); break out; }\n  res.end();\n}\n", refused},
		{"status 204", "export default function h(req, res) {\n  res.status(204);\n  res.write(\"a\");\n  res.end();\n}\n", refused},
		{"two streams", "export default function h(req, res) {\n  if (req.query.a) {\n    res.write(\"a\");\n    res.end();\n    return;\n  }\n  res.write(\"b\");\n  res.end();\n}\n", refused},
		{"code after the end", "export default function h(req, res) {\n  res.write(\"a\");\n  res.end();\n  console.log(1);\n}\n", refused},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := transforms.New(nil)
			if err != nil {
				t.Fatal(err)
			}
			p := codemod.NewParser()
			defer p.Close()
			path := "pages/api/x.js"
			if strings.Contains(tt.in, " as ") {
				path = "pages/api/x.ts" // a TypeScript cast
			}
			r := codemod.MigrateSource(p, m, nil, path, []byte(tt.in), 16)
			out := string(r.Output())
			switch tt.want {
			case streamed:
				if r.Status != codemod.StatusMigrated || !strings.Contains(out, "ReadableStream") || strings.Contains(out, "res.") {
					t.Errorf("status %s, want a stream:\n%s", r.Status, out)
				}
			case refused:
				if r.Status != codemod.StatusNeedsReview || strings.Contains(code(out), "ReadableStream") || !strings.Contains(out, "TODO(routemod)") {
					t.Errorf("status %s, want res.write kept under a marker:\n%s", r.Status, out)
				}
			default:
				got, _, _ := strings.Cut(out, "\nexport {")
				if got = strings.TrimSuffix(got, "\n") + "\n"; got != tt.want {
					t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
				}
			}
		})
	}
}

// code drops the comment lines of out (a marker may name what to write).
func code(out string) string {
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "//") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}
