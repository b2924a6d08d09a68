package transforms

import (
	"sort"
	"strconv"
	"strings"

	"github.com/routemod/routemod/codemod"
	"github.com/routemod/routemod/project"
)

// Node is the syntax node type the transforms read.
type Node = codemod.Node

// migration is the state one file's transforms share: the handler, the
// output functions, and what each function needs (prologue lines, async,
// the params argument) and what the file must import.
type migration struct {
	f  *codemod.File
	ix *project.Index // the project's index: who imports what, where modules resolve
	// scanned is this file as the index's scanner reads it (see module).
	scanned *project.Module
	// templates are the file's template literals (see inTemplate).
	templates [][2]int
	// topFuncs are the file's top-level functions by name (see
	// topLevelFunction); config is its config export, once looked for
	// (see configStatement).
	topFuncs map[string][2]*Node
	config   *configStmt
	configOK bool
	src      []byte
	h        *handler
	// notedFinally are the finally blocks already reported (see noteAwaitedFinally).
	notedFinally map[*Node]bool
	funcs        []*outFunc
	idents       map[string]bool
	fresh        map[string]string
	// imports[module][name] is true for a value import, false for a type import.
	imports map[string]map[string]bool
	// endContainers are blocks whose end is the end of an output function.
	endContainers map[*Node]bool
	// aliases are local names bound to req.method.
	aliases map[string]bool
	// exitBreaks are breaks out of a split switch: after a send they go,
	// as the send becomes a return.
	exitBreaks map[*Node]bool
	// arrayKeysOf caches, per handler or helper, the query keys read as arrays.
	arrayKeysOf map[*handler]map[string]bool
	// contentTypeSets caches, per function, its calls that set Content-Type
	// (see setsContentTypeBefore): one walk per function, not one per send.
	contentTypeSets map[*Node][]*Node
	// semicolon caches semi(): the file's statement terminator.
	semicolon *string
	// queryAliases are locals bound to the whole query (const { query } = req),
	// each with the scope that binds it.
	queryAliases map[string]*Node
	// written are the functions compose wrote, for the last check.
	written []written
	// helpers are the module-level functions converted along with the handler.
	helpers []*frame
	// helperNames indexes helpers by name (see helperNamed).
	helperNames struct {
		n     int
		first **frame
		by    map[string]*frame
	}
	// plan is the project's helper plan (helperplan.go), nil when there is
	// none; remote are the frames of the project helpers this file calls,
	// by local name (nil: asked, and not one the plan migrates).
	plan   *helperPlan
	remote map[string]*frame
	// helperModule is set when the file is a helper module the plan
	// rewrites (helpermodule.go), not a route.
	helperModule bool
	// redirectPrelude is the statement the redirect being written needs first.
	redirectPrelude string
	// switchFold is set while reading `switch (req.method.toUpperCase())`.
	switchFold bool
	// switchValue is the value of the switch on the method being read.
	switchValue *Node
	// bodyAnchors maps each read of req.body to the statement its shared
	// declaration goes before (nil: read in place); bodyPlaced is false when
	// no such placement exists (see planBodyReads). bodyDeclared are the
	// anchors already given their declaration.
	bodyAnchors  map[*Node]*Node
	bodyPlaced   bool
	bodyDeclared map[*Node]bool
	// decodeImported is set once a form read uses querystring's decode.
	decodeImported bool
	// readerCalls holds, per local raw-body reader, the callees of the calls
	// rewritten into a read of the request (see dropDeadReaders).
	readerCalls map[string]map[*Node]bool
	// formOf caches bodyForm per handler or helper.
	formOf map[*handler]formResult
	// preflight caches answersPreflight.
	preflight *bool
	// cors is the CORS middleware run of the handler's first statement (cors_lib.go), once looked for.
	cors **corsPlan
	// libMods are the cors instances and runMiddleware helpers of the project's modules (cors_module.go), nil when none.
	libMods *libModules
	// libDropped are imported names a library rule took out of the code (runMiddleware, cors): their imports go when nothing else uses them.
	libDropped map[string]bool
	// switchTrue is set while reading `switch (true) { case req.method === "GET": }`.
	switchTrue bool
	// universe are the methods a guard lets through to the dispatch being
	// read (nil: every method).
	universe []string
	// inTry is the try block whose dispatch is being read (nil: none).
	inTry *Node
	// staticStatus holds, where every status of a function is known from
	// straight-line code, each response statement's status ("200": none)
	// and each status write to drop ("").
	staticStatus map[*Node]string
	// libTaken are the start offsets of the req and res references a
	// library row dealt with (libraries.go): the request and response
	// rules leave them alone.
	libTaken map[int]bool
	// wrapperAt is the statement of the wrapper whose app version is being
	// written (wrapperapp.go), wrapperBeside set when it goes beside the
	// pages one, which stays.
	wrapperAt     *Node
	wrapperBeside bool
	// decorArg is what a wrapper's request handler hands the handler it
	// wraps besides (req, ctx): what it set on the request (decorate.go).
	decorArg string
	// readableFreed is set when a rewrite removed a use of node:stream's
	// Readable (Readable.fromWeb(body).pipe(res) => body): its import goes
	// when nothing else uses it (noUnusedLocals).
	readableFreed bool
	// reqOptionOf are the local names of library calls that take the
	// NextRequest in their options ({ req }), for the last check.
	reqOptionOf map[string]bool
	// wrappers are the project's wrappers, as readWrappers read them.
	wrappers *wrapperPlan
	// wrapped is, in a wrapper's app version, the name of the parameter
	// that takes the route handler (see appWrapper).
	wrapped map[string]bool
	// wholeQuery records, per handler, whether it reads req.query as a
	// whole: its reads then read one rebuilt local (querylocal.go).
	wholeQuery map[*handler]bool
	// specRenames and defaultRenames are the route's imports of wrappers
	// it now calls by their app versions' names (see wrapperImports).
	specRenames    map[*Node]string
	defaultRenames [][2]string
	// chain is set when the default export is a next-connect router whose
	// handlers are the frames the transforms rewrite (nextconnect.go).
	chain *ncPlan
	// wroteWithHeaders is set once the file has its withHeaders function
	// (helperheaders.go).
	wroteWithHeaders bool
}

func newMigration(f *codemod.File) *migration {
	return &migration{f: f, src: f.Src, idents: f.Idents(), fresh: map[string]string{}, imports: map[string]map[string]bool{}}
}

// text returns the source text of n ("" for nil: a field the tree lacks).
func (m *migration) text(n *Node) string {
	if n == nil {
		return ""
	}
	return string(m.src[n.Start:n.End])
}

// name returns a file-unique identifier for a role (body, headers, ...),
// the first candidate the file does not already use.
func (m *migration) name(role string, candidates ...string) string {
	if n, ok := m.fresh[role]; ok {
		return n
	}
	for _, c := range candidates {
		if !m.idents[c] {
			m.fresh[role] = c
			m.idents[c] = true
			return c
		}
	}
	for i := 2; ; i++ {
		c := candidates[0] + "_" + strconv.Itoa(i)
		if !m.idents[c] {
			m.fresh[role] = c
			m.idents[c] = true
			return c
		}
	}
}

// use records an import the output needs; value wins over type.
func (m *migration) use(module, name string, value bool) {
	if m.imports[module] == nil {
		m.imports[module] = map[string]bool{}
	}
	m.imports[module][name] = m.imports[module][name] || value
}

// scopesAt returns the output functions whose copied text holds off. With
// no split yet, none.
func (m *migration) scopesAt(off int) []*outFunc {
	var out []*outFunc
	for _, fn := range m.funcs {
		for _, p := range fn.parts {
			if off >= p.start && off < p.end {
				out = append(out, fn)
				break
			}
		}
		if fn.expr != nil && off >= fn.expr.Start && off < fn.expr.End {
			out = append(out, fn)
		}
	}
	return out
}

// needPrologue asks every function holding off to start with line (once).
func (m *migration) needPrologue(off int, key, line string) {
	for _, fn := range m.scopesAt(off) {
		if fn.prologueKeys == nil {
			fn.prologueKeys = map[string]bool{}
		}
		if !fn.prologueKeys[key] {
			fn.prologueKeys[key] = true
			fn.prologue = append(fn.prologue, prologueLine{key, line})
		}
	}
}

// needAsync marks every function holding off as async (it now awaits).
func (m *migration) needAsync(off int) {
	for _, fn := range m.scopesAt(off) {
		fn.async = true
	}
}

// needParams gives every function holding off the params argument.
func (m *migration) needParams(off int) {
	for _, fn := range m.scopesAt(off) {
		fn.params = true
	}
}

type prologueLine struct{ key, line string }

// sortedPrologue orders prologue lines by a fixed key order so output is
// stable whatever order transforms asked in.
func sortedPrologue(p []prologueLine) []prologueLine {
	order := map[string]int{"body": 0, "status": 1, "headers": 2}
	out := append([]prologueLine(nil), p...)
	sort.SliceStable(out, func(i, j int) bool { return order[out[i].key] < order[out[j].key] })
	return out
}

// enclosingFunction returns the nearest function node around n.
func enclosingFunction(n *Node) *Node {
	for p := n.Parent; p != nil; p = p.Parent {
		switch p.Kind {
		case "function_declaration", "function_expression", "arrow_function", "method_definition", "generator_function_declaration", "generator_function", "function":
			return p
		}
	}
	return nil
}

// enclosingStatement returns the statement that holds n.
func enclosingStatement(n *Node) *Node {
	for p := n; p != nil; p = p.Parent {
		if p.Parent != nil && (p.Parent.Kind == "statement_block" || p.Parent.Kind == "program" || p.Parent.Kind == "switch_case" || p.Parent.Kind == "switch_default") && strings.HasSuffix(p.Kind, "statement") || p.Kind == "lexical_declaration" || p.Kind == "variable_declaration" {
			return p
		}
	}
	return n
}

// stringValue returns the value of a plain string literal node.
func stringValue(src []byte, n *Node) (string, bool) {
	n = codemod.Unparen(n)
	if n == nil {
		return "", false
	}
	switch n.Kind {
	case "string":
		s := string(src[n.Start:n.End])
		if len(s) >= 2 && !strings.Contains(s, "\\") {
			return s[1 : len(s)-1], true
		}
	case "template_string":
		s := string(src[n.Start:n.End])
		if len(n.NamedChildren()) == 0 && !strings.Contains(s, "\\") {
			return s[1 : len(s)-1], true
		}
	}
	return "", false
}

// isIdent reports whether n is the identifier name.
func isIdent(src []byte, n *Node, name string) bool {
	n = codemod.Unparen(n)
	return n != nil && n.Kind == "identifier" && string(src[n.Start:n.End]) == name
}

// member splits `obj.prop` / `obj["prop"]` into its object and property
// name; ok is false for computed keys that are not string literals.
func member(src []byte, n *Node) (obj *Node, prop string, ok bool) {
	switch n.Kind {
	case "member_expression":
		p := n.ChildByField("property")
		if p == nil {
			return nil, "", false
		}
		return n.ChildByField("object"), string(src[p.Start:p.End]), true
	case "subscript_expression":
		if s, ok := stringValue(src, n.ChildByField("index")); ok {
			return n.ChildByField("object"), s, true
		}
	}
	return nil, "", false
}

// callArgs returns the argument expressions of a call.
func callArgs(call *Node) []*Node {
	var out []*Node
	if a := call.ChildByField("arguments"); a != nil {
		for _, c := range a.NamedChildren() {
			if c.Kind != "comment" {
				out = append(out, c)
			}
		}
	}
	return out
}

// statements returns the statements of a block (comments excluded).
func statements(block *Node) []*Node {
	var out []*Node
	for _, c := range block.Children {
		if c.Named && c.Kind != "comment" {
			out = append(out, c)
		}
	}
	return out
}

// lineEnd is codemod.LineEnd.
func lineEnd(src []byte, off int) int { return codemod.LineEnd(src, off) }

// onlySpaceBefore reports whether only blanks precede off on its line.
func onlySpaceBefore(src []byte, off int) bool {
	ls := codemod.LineStart(src, off)
	return strings.TrimSpace(string(src[ls:off])) == ""
}

// onlySpaceAfter reports whether only blanks follow off on its line.
func onlySpaceAfter(src []byte, off int) bool {
	le := lineEnd(src, off)
	return strings.TrimSpace(string(src[off:le])) == ""
}
