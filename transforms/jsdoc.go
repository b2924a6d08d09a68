package transforms

import (
	"path"
	"regexp"
	"strings"
)

// jsdocRequest matches the pages request type in a JSDoc type expression.
var jsdocRequest = regexp.MustCompile(`import\((['"])next['"]\)\.NextApiRequest\b`)

// jsdocParamHead matches the start of a JSDoc @param line, up to its type's "{".
var jsdocParamHead = regexp.MustCompile(`^[ \t]*\*?[ \t]*@param[ \t]+\{`)

// jsdocParamName matches the parameter name after the type ("[name]" when optional).
var jsdocParamName = regexp.MustCompile(`^[ \t]+\[?([A-Za-z_$][\w$]*)`)

// jsdocParam splits a JSDoc @param line into its type (braces balanced:
// {Foo<{ a: string }>}) and the parameter's name.
func jsdocParam(line string) (typ, name string, ok bool) {
	head := jsdocParamHead.FindStringIndex(line)
	if head == nil {
		return "", "", false
	}
	depth := 1
	for i := head[1]; i < len(line); i++ {
		switch line[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				p := jsdocParamName.FindStringSubmatch(line[i+1:])
				if p == nil {
					return "", "", false
				}
				return line[head[1]:i], p[1], true
			}
		}
	}
	return "", "", false
}

// jsdocVoidReturn matches a JSDoc line saying the function returns nothing.
var jsdocVoidReturn = regexp.MustCompile(`^[ \t]*\*?[ \t]*@returns?[ \t]+\{(void|undefined|Promise<void>|Promise<undefined>)\}`)

// rewriteJSDoc brings the JSDoc types of a JavaScript route in line with the
// rewritten handler (TypeScript files carry real types, see rewriteTypes):
//
//	@param {import('next').NextApiRequest} req   => @param {import('next/server').NextRequest} req
//	@param {import('next').NextApiResponse} res  => (line removed: the handler no longer takes res)
//	@returns {void} (on the handler)             => (line removed: it returns a Response now)
//	any other NextApiRequest/NextApiResponse/NextApiHandler in a JSDoc comment => TODO(routemod) above it
//
// Comments inside code another transform rewrote are left alone.
func rewriteJSDoc(m *migration) {
	if m.f.TypeScript || m.h == nil {
		return
	}
	before := len(m.f.Edits()) // the edits of the other transforms
	m.f.Root.Walk(func(n *Node) bool {
		if n.Kind != "comment" || !strings.HasPrefix(m.text(n), "/**") || !strings.Contains(m.text(n), "NextApi") {
			return true
		}
		if over := m.f.EditsOverlapping(n.Start, n.End); len(over) > 0 && over[0] < before {
			return true
		}
		m.rewriteJSDocComment(n, m.documentsHandler(n))
		return true
	})
}

// documentsHandler reports whether the comment n is the handler's own doc
// comment: nothing but blanks between it and the handler's statement.
func (m *migration) documentsHandler(n *Node) bool {
	return n.End <= m.h.start && strings.TrimSpace(string(m.src[n.End:m.h.start])) == ""
}

// jsdocLineGoes reports a line of the handler's doc that no longer holds:
// the response parameter, or a return of nothing.
func (m *migration) jsdocLineGoes(line string) bool {
	if typ, name, ok := jsdocParam(line); ok {
		return name == m.h.res && strings.Contains(typ, "NextApiResponse") && !m.h.headersParam
	}
	return jsdocVoidReturn.MatchString(line)
}

// rewriteJSDocComment rewrites one JSDoc comment that names a pages-router
// type, line by line, and marks what it leaves.
func (m *migration) rewriteJSDocComment(n *Node, ofHandler bool) {
	text := m.text(n)
	s, left := m.jsdocRewritten(n, ofHandler)
	if s != text {
		m.f.Replace(n.Start, n.End, s)
	}
	if left {
		m.f.Todo(n.Start, "this JSDoc comment still names a pages-router type (NextApiRequest, NextApiResponse or NextApiHandler): route handlers take a NextRequest and return a Response")
	}
}

// jsdocRewritten is the text rewriteJSDocComment writes for n, and whether
// it still names a pages-router type.
func (m *migration) jsdocRewritten(n *Node, ofHandler bool) (string, bool) {
	text := m.text(n)
	src := text
	if m.f.NewPath != "" {
		src = m.repointedJSDoc(text, path.Dir(m.f.Path), path.Dir(m.f.NewPath))
	}
	var out strings.Builder
	left := false
	for _, line := range strings.SplitAfter(src, "\n") {
		// a whole line of the handler's doc may go; the last one, with "*/", stays
		if ofHandler && strings.HasSuffix(line, "\n") && m.jsdocLineGoes(line) {
			continue
		}
		line = jsdocRequest.ReplaceAllString(line, "import(${1}next/server${1}).NextRequest")
		if ofHandler && m.h.headersParam {
			line, _ = m.headersParamDoc(line) // @param {import('next').NextApiResponse} res => @param {Headers} headers
		}
		if _, name, ok := jsdocParam(line); ok && ofHandler && name == m.h.req && !m.h.helper && len(m.funcs) > 0 && m.funcs[0].params {
			// @param {import('next/server').NextRequest} req => and, for (req, { params }), the context's type (checkJs strict: TS7031)
			head := line[:strings.Index(line, "@param")]
			tail := line[len(strings.TrimRight(line, "\r\n")):]
			line = strings.TrimRight(line, "\r\n") + m.f.Style.EOL + head + m.contextJSDoc() + tail
			if tail == "" {
				line = strings.TrimRight(line, "\r\n")
			}
		}
		if strings.Contains(line, "NextApiRequest") || strings.Contains(line, "NextApiResponse") || strings.Contains(line, "NextApiHandler") {
			left = true
		}
		out.WriteString(line)
	}
	return out.String(), left
}

// reqTypedByJSDoc reports whether the handler's own doc comment in a
// JavaScript route gives its request parameter a type (@param
// {import('next').NextApiRequest} req, or @type of a handler type):
// checkJs then checks its reads.
func (m *migration) reqTypedByJSDoc() bool {
	if m.f.TypeScript || m.h == nil || m.h.req == "" {
		return false
	}
	doc := m.handlerDoc()
	if !strings.HasPrefix(doc, "/**") {
		return false
	}
	for _, line := range strings.Split(doc, "\n") {
		if typ, name, ok := jsdocParam(line); ok && name == m.h.req && strings.Contains(typ, "Request") {
			return true
		}
		if strings.Contains(line, "@type") && strings.Contains(line, "Handler") {
			return true
		}
	}
	return false
}

// contextJSDoc is the JSDoc @param of a JavaScript route's context
// parameter ({ params }), whose tag checkJs matches by position.
//
//	{ params } in app/api/users/[id]/route.js => @param {{ params: Promise<{ id: string }> }} context
func (m *migration) contextJSDoc() string {
	return "@param {{ params: " + m.paramsType() + " }} context"
}

// jsdocFor is the JSDoc a JavaScript route's split method export after the
// first gets when the handler's own JSDoc typed its request (the first
// keeps that comment):
//
//	export function DELETE(req, { params }) => /** @param {import("next/server").NextRequest} req ... context */ above it
func (m *migration) jsdocFor(fn *outFunc) string {
	eol, q := m.f.Style.EOL, m.quote()
	if strings.Contains(m.handlerDoc(), "import('") {
		q = "'" // the quotes of the handler's own JSDoc
	}
	doc := "/**" + eol + " * @param {import(" + q + "next/server" + q + ").NextRequest} " + m.h.req + eol
	if fn.params {
		doc += " * " + m.contextJSDoc() + eol
	}
	return doc + " */" + eol
}
