package transforms

import (
	"strings"
)

// pipePlan is a source piped to res as the last thing the handler does.
type pipePlan struct {
	use  resUse
	st   *Node // the statement that pipes
	src  *Node // what is piped
	kind string
}

// The kinds of piped source (see pipeSource).
const (
	pipeWeb   = "web"   // Readable.fromWeb(body): the Web stream itself
	pipeFrom  = "from"  // Readable.from(iterable): its strings encoded, as res.write did
	pipeBytes = "bytes" // a Node stream of bytes
)

// rewritePipe answers with the Web stream of what the handler pipes to
// res, with the status and headers set before. It returns the start of the
// res reference it rewrote or marked, or -1.
//
//	src.pipe(res) / pipeline(src, res) / await pipeline(src, res) (the last statement)
//	  => return new Response(Readable.toWeb(src) as ReadableStream, { status, headers })
//	Readable.fromWeb(upstream.body).pipe(res)  => return new Response(upstream.body, { status, headers }) (Readable's import goes when nothing else uses it)
//	Readable.from(iterable).pipe(res)          => return new Response(Readable.toWeb(Readable.from(iterable, { objectMode: false })) as ReadableStream, ...)
//	(.js: /** @type {ReadableStream} */ (Readable.toWeb(src)), the cast checkJs needs)
//
// A source is piped only when it is known to yield bytes (a file's
// createReadStream, a zlib stream, one piped into those): an object-mode
// stream's strings or objects are no Response body (Next.js reads a static
// route's body as a Blob), so any other source is marked, as is a pipeline
// with a callback (it would never be called) or more than one stage, a
// pipe that is not the handler's last act, and a Readable that is not
// node:stream's. An error of the source ends the response early, as
// pipeline did (pipe left it hanging); a disconnect cancels it (it
// destroys the source).
func (m *migration) rewritePipe(uses []resUse) int {
	if m.h.helper {
		return -1
	}
	var p *pipePlan
	for _, u := range uses {
		if pp := m.planPipe(u); pp != nil {
			if p != nil {
				return -1
			}
			p = pp
		}
	}
	if p == nil {
		return -1
	}
	for _, u := range uses {
		if u.ref != p.use.ref && !m.plainUseOutside(u) {
			return -1 // another use: the generic marks say what
		}
	}
	for c := p.st.Parent; c != nil && c != m.h.fn; c = c.Parent {
		if c.Kind == "try_statement" || c.Kind == "catch_clause" || c.Kind == "finally_clause" {
			return -1
		}
	}
	statusVar := false
	for _, fn := range m.scopesAt(p.st.Start) {
		statusVar = statusVar || fn.statusVar
	}
	if m.mayBeNullBodyStatus(m.staticStatus[p.st], statusVar) {
		return -1
	}
	if p.kind == "" {
		m.f.Todo(p.st.Start, "%s is piped to: return new Response(Readable.toWeb(source) as ReadableStream, { status, headers }) once the source is known to yield bytes (an object-mode stream's strings or objects are no Response body)", m.h.res)
		return p.use.ref.Start
	}
	readable := ""
	if p.kind == pipeWeb {
		m.readableFreed = true // Readable.fromWeb(x) => x: its import may go
	} else if readable = m.readableName(); readable == "" {
		return -1
	}
	statusVar, headersVar := m.varsAt(p.st.Start)
	_, initText := m.responseInit(m.staticStatus[p.st], statusVar, headersVar)
	next := m.bareReturnAfter(p.st)
	m.replaceFolding(p.st.Start, p.st.End, func(cp func(*Node) string) string {
		var body string
		switch p.kind {
		case pipeWeb:
			body = cp(p.src)
		case pipeFrom:
			body = m.webCast(readable + ".toWeb(" + readable + ".from(" + cp(p.src) + ", { objectMode: false }))")
		default:
			body = m.webCast(readable + ".toWeb(" + cp(p.src) + ")")
		}
		return "return new Response(" + body + initText + ")" + m.semi()
	})
	if next != nil {
		m.dropBareReturn(p.st, next)
	}
	m.f.Note("the piped stream is now the Response's body: an error of the source ends the response early (pipe left it hanging; pipeline ended it too), and a client that disconnects cancels the source")
	return p.use.ref.Start
}

// planPipe reports the pipe u hands res to, when it is the last thing the
// handler does; kind is "" for a source not known to yield bytes.
func (m *migration) planPipe(u resUse) *pipePlan {
	if len(u.links) != 0 || enclosingFunction(u.ref) != m.h.fn {
		return nil
	}
	args := u.ref.Parent
	if args == nil || args.Kind != "arguments" || args.Parent == nil || args.Parent.Kind != "call_expression" {
		return nil
	}
	call := args.Parent
	a := callArgs(call)
	fn := call.ChildByField("function")
	var src *Node
	switch {
	case fn.Kind == "member_expression" && len(a) == 1 && a[0] == u.ref:
		if _, prop, _ := member(m.src, fn); prop != "pipe" {
			return nil
		}
		src = fn.ChildByField("object")
	case (m.text(fn) == "pipeline" || strings.HasSuffix(m.text(fn), ".pipeline")) && len(a) == 2 && a[1] == u.ref:
		src = a[0]
	default:
		return nil
	}
	n := call
	if p := n.Parent; p != nil && p.Kind == "await_expression" {
		n = p
	}
	st := n.Parent
	if st == nil || st.Kind != "expression_statement" && st.Kind != "return_statement" {
		return nil
	}
	if !m.isTail(st) && m.bareReturnAfter(st) == nil {
		return nil
	}
	src, kind := m.pipeSource(src)
	return &pipePlan{use: u, st: st, src: src, kind: kind}
}

// pipeSource says what kind of stream src is, and returns the node the
// Response is built from.
//
//	Readable.fromWeb(x), Readable.fromWeb(x as T) => x, pipeWeb
//	Readable.from(x)                             => x, pipeFrom
//	fs.createReadStream(p), zlib.createGzip(), a.pipe(zlib.createGzip()), a const bound to one => src, pipeBytes
func (m *migration) pipeSource(src *Node) (*Node, string) {
	if src.Kind == "call_expression" {
		fn := m.text(src.ChildByField("function"))
		a := callArgs(src)
		switch {
		case (fn == "Readable.fromWeb" || fn == "stream.Readable.fromWeb") && len(a) == 1:
			// Readable.fromWeb(r.body as NodeWebStream) => r.body: the cast to
			// node's stream/web type was for fromWeb; a Response takes the global one
			w := a[0]
			for (w.Kind == "as_expression" || w.Kind == "satisfies_expression") && len(w.NamedChildren()) > 0 {
				w = w.NamedChildren()[0]
			}
			return w, pipeWeb
		case (fn == "Readable.from" || fn == "stream.Readable.from") && len(a) == 1:
			return a[0], pipeFrom
		}
	}
	if m.yieldsBytes(src) {
		return src, pipeBytes
	}
	return src, ""
}

// yieldsBytes reports a Node stream known to yield Buffers.
func (m *migration) yieldsBytes(n *Node) bool {
	switch n.Kind {
	case "identifier":
		if v := m.constInit(n); v != nil {
			return m.yieldsBytes(v)
		}
	case "call_expression":
		fn := n.ChildByField("function")
		name := m.text(fn)
		if name == "createReadStream" || name == "fs.createReadStream" {
			return true
		}
		if strings.HasPrefix(name, "zlib.create") {
			return true
		}
		if fn.Kind == "member_expression" {
			if _, prop, _ := member(m.src, fn); prop == "pipe" {
				if a := callArgs(n); len(a) == 1 {
					return m.yieldsBytes(a[0])
				}
			}
		}
	}
	return false
}

// webCast types Node's ReadableStream (stream/web) as the global one a
// Response takes: TypeScript holds them apart.
func (m *migration) webCast(s string) string {
	if m.f.TypeScript {
		return s + " as ReadableStream"
	}
	return "/** @type {ReadableStream} */ (" + s + ")"
}

// readableName returns the local name of node:stream's Readable, importing
// it when the file has none; "" when the name is taken by something else.
func (m *migration) readableName() string {
	imps := m.importStatements()
	for _, mod := range []string{"node:stream", "stream"} {
		if m.imported(imps, mod, "Readable") {
			return "Readable"
		}
	}
	if m.idents["Readable"] {
		return ""
	}
	m.use("node:stream", "Readable", true)
	return "Readable"
}
