package project

import (
	"slices"
	"strings"
)

// Role tells what a function parameter receives from a pages route.
type Role uint8

const (
	Req Role = 1 << iota // the pages request (NextApiRequest, IncomingMessage)
	Res                  // the pages response (NextApiResponse, ServerResponse)
)

func (r Role) String() string {
	switch r {
	case Req:
		return "request"
	case Res:
		return "response"
	case Req | Res:
		return "request and response"
	}
	return ""
}

// resMembers are what only a pages response has; reqMembers what only a
// pages request has.
var (
	resMembers = map[string]bool{"status": true, "json": true, "send": true, "end": true, "setHeader": true,
		"getHeader": true, "removeHeader": true, "appendHeader": true, "writeHead": true, "write": true,
		"redirect": true, "statusCode": true, "statusMessage": true, "revalidate": true, "setPreviewData": true,
		"clearPreviewData": true, "setDraftMode": true, "headersSent": true, "flushHeaders": true, "cookie": true}
	reqMembers = map[string]bool{"body": true, "query": true, "headers": true, "cookies": true, "method": true,
		"url": true, "socket": true, "connection": true, "on": true, "pipe": true, "previewData": true,
		"preview": true, "draftMode": true, "rawHeaders": true, "httpVersion": true}
)

// ParamUse is what one parameter of a project function does with the
// pages request or response it receives, directly or through the
// functions it hands it to.
type ParamUse struct {
	Index   int
	Name    string
	Role    Role
	Members []string // what the function itself reads or calls on it
	Via     []string // the first function it hands it to, and its file: "reply (lib/reply.ts)"
}

// funcKey names a function of a module.
type funcKey struct{ file, name string }

// roles works out, once every module is read, which parameters of which
// project functions receive a pages request or response: by what their
// bodies do with them, and by the functions they hand them to
// (transitively, across modules through the index's imports).
func (ix *Index) roles() {
	ix.uses = map[funcKey][]ParamUse{}
	funcs := map[funcKey]*Func{}
	for file, m := range ix.files {
		for i := range m.Helpers {
			fn := &m.Helpers[i]
			k := funcKey{file, fn.Name}
			funcs[k] = fn
			var us []ParamUse
			for pi, p := range fn.Params {
				u := ParamUse{Index: pi, Name: p.Name, Members: p.Members}
				for _, mem := range p.Members {
					if resMembers[mem] {
						u.Role |= Res
					}
					if reqMembers[mem] {
						u.Role |= Req
					}
				}
				us = append(us, u)
			}
			ix.uses[k] = us
		}
	}
	// Hand roles on through calls until nothing changes.
	for range 16 {
		changed := false
		for k, fn := range funcs {
			for pi, p := range fn.Params {
				for _, pass := range p.Passed {
					to, ok := ix.callee(k.file, nil, pass.Callee)
					if !ok || to == k {
						continue
					}
					tu := ix.uses[to]
					if pass.Arg >= len(tu) || tu[pass.Arg].Role == 0 {
						continue
					}
					u := &ix.uses[k][pi]
					if r := u.Role | tu[pass.Arg].Role; r != u.Role {
						u.Role = r
						changed = true
					}
					if len(u.Via) == 0 {
						u.Via = []string{to.name + " (" + to.file + ")"}
						changed = true
					}
				}
			}
		}
		if !changed {
			break
		}
	}
}

// callee finds the project function a call in file names: a function of
// the file itself, or one it imports (through re-exports).
func (ix *Index) callee(file string, own *Module, name string) (funcKey, bool) {
	if _, ok := ix.uses[funcKey{file, name}]; ok {
		return funcKey{file, name}, true
	}
	if own == nil {
		own = ix.files[file]
	}
	if f, exp, ok := ix.bindingIn(file, own, name); ok {
		if df, local, ok := ix.Definition(f, exp); ok && local != "" {
			return funcKey{df, local}, true
		}
	}
	return funcKey{}, false
}

// Handles returns, for the function a call in file names (a function of
// file or one it imports), its file, its local name and what each of its
// parameters does with a pages request or response; ok is false when the
// index does not know the function. own is file as Scan reads it (the
// index keeps less of a module no file imports), or nil.
func (ix *Index) Handles(file string, own *Module, callee string) (defFile, name string, uses []ParamUse, ok bool) {
	if own == nil {
		own = ix.files[file]
	}
	k, ok := ix.callee(file, own, callee)
	if !ok {
		if f, exp, found := ix.bindingIn(file, own, callee); found {
			if df, local, found := ix.Definition(f, exp); found && local != "" && ix.Defines(df, local) {
				return df, local, nil, true // a function that does nothing with its parameters routemod can see
			}
		}
		if ix.Defines(file, callee) {
			return file, callee, nil, true
		}
		return "", "", nil, false
	}
	return k.file, k.name, slices.Clone(ix.uses[k]), true
}

// Describe says in words what the function a call names callee (name in
// defFile) does with the argument at arg:
//
//	sendError (lib/http.ts) uses it as the response (status, json)
//	requireUser (lib/auth.ts) hands it to getSession (lib/session.ts), which uses it as the request
func Describe(callee, defFile, name string, uses []ParamUse, arg int) string {
	head := callee + " (" + defFile + ")"
	if name != callee {
		head = callee + " (" + name + " in " + defFile + ")"
	}
	if arg >= len(uses) || uses[arg].Role == 0 {
		return head + " does not use it as a pages request or response that routemod can see"
	}
	u := uses[arg]
	var own []string
	for _, m := range u.Members {
		if resMembers[m] || reqMembers[m] {
			own = append(own, m)
		}
	}
	switch {
	case len(own) > 0:
		return head + " uses it as the " + u.Role.String() + " (" + strings.Join(own, ", ") + ")"
	case len(u.Via) > 0:
		return head + " hands it to " + u.Via[0] + ", which uses it as the " + u.Role.String()
	}
	return head + " uses it as the " + u.Role.String()
}
