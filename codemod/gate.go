package codemod

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// LoaderFor returns the esbuild loader for a file name: TS for .ts, TSX for
// .tsx, JSX for every JavaScript extension (Next.js accepts JSX in .js).
func LoaderFor(name string) api.Loader {
	switch path.Ext(name) {
	case ".ts", ".mts", ".cts":
		return api.LoaderTS
	case ".tsx":
		return api.LoaderTSX
	default:
		return api.LoaderJSX
	}
}

// Gate checks src with esbuild's parser, the strict syntax gate every input
// and every output must pass. It returns the first error with its location.
func Gate(src []byte, name string) *SyntaxError {
	return GateBatch([]GateInput{{Src: src, Name: name}})[0]
}

// GateInput is one text for GateBatch, named like the file it will be.
type GateInput struct {
	Src  []byte
	Name string
}

// GateBatch gates many texts with esbuild, up to gateSlots per build (each
// text its own entry point, loaded from memory, nothing bundled or
// written), which spreads esbuild's fixed cost over the batch. The build
// parses every text and stops there (see gateStop). The i-th result is the
// first error of the i-th text, or nil.
func GateBatch(in []GateInput) []*SyntaxError {
	out := make([]*SyntaxError, len(in))
	for len(in) > 0 {
		n := min(len(in), gateSlots)
		g := takeGater()
		g.gate(in[:n], out[len(out)-len(in):])
		if largeText(in[:n]) {
			// esbuild's cache keeps the text and its syntax tree until the
			// context's next build, beside the file's own tree while it is
			// migrated (about 12 bytes a source byte). Such a file is rare:
			// its gater goes.
			g.ctx.Dispose()
		} else {
			gaters.put(g)
		}
		in = in[n:]
	}
	return out
}

// largeText reports a text of half a megabyte or more in in.
func largeText(in []GateInput) bool {
	for _, t := range in {
		if len(t.Src) >= 512<<10 {
			return true
		}
	}
	return false
}

// gateSlots is the number of entry points of one gate build.
const gateSlots = 16

// gateStop names the extra entry point of every gate build. Loading it
// fails on purpose, so esbuild stops after parsing every text: a build with
// errors skips linking and printing, which a syntax check does not need and
// which cost more than the parse itself.
const gateStop = "routemod-gate-stop"

// gateDir is the folder of the entry points. It does not exist, so
// esbuild's look for a real file of that name costs one failed read.
const gateDir = "/routemod-gate/"

// A gater is an esbuild build context with gateSlots entry points and a
// stop entry, rebuilt for each batch: its options are validated once, not
// per build. Slots past the batch load as empty texts. A gater serves one
// batch at a time (esbuild merges concurrent rebuilds of one context).
type gater struct {
	ctx api.BuildContext
	in  []GateInput
}

// gaters holds the idle gaters; there are never more than the goroutines
// that gate at once.
var gaters gaterPool

type gaterPool struct {
	mu   sync.Mutex
	idle []*gater
}

func (p *gaterPool) put(g *gater) {
	g.in = nil
	p.mu.Lock()
	p.idle = append(p.idle, g)
	p.mu.Unlock()
}

// takeGater returns an idle gater, or a new one.
func takeGater() *gater {
	p := &gaters
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		g := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return g
	}
	p.mu.Unlock()
	g := &gater{}
	entries := make([]string, gateSlots, gateSlots+1)
	for i := range entries {
		entries[i] = gateDir + strconv.Itoa(i)
	}
	entries = append(entries, gateStop)
	ctx, err := api.Context(api.BuildOptions{
		EntryPoints: entries,
		Bundle:      false,
		Write:       false,
		Outdir:      "/routemod-gate-out",
		LogLevel:    api.LogLevelSilent,
		JSX:         api.JSXPreserve,
		Target:      api.ESNext,
		TsconfigRaw: `{"compilerOptions":{"verbatimModuleSyntax":false}}`,
		Plugins: []api.Plugin{{Name: "routemod-gate", Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: `^` + gateStop + `$`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: a.Path, Namespace: gateStop}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: gateStop}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				return api.OnLoadResult{Errors: []api.Message{{ID: gateStop, Text: gateStop}}}, nil
			})
			b.OnResolve(api.OnResolveOptions{Filter: `.*`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: a.Path, Namespace: "routemod"}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "routemod"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				i := gateSlot(a.Path)
				if i < 0 {
					return api.OnLoadResult{}, fmt.Errorf("unknown gate entry %q", a.Path)
				}
				s := ""
				loader := api.LoaderJS
				if i < len(g.in) {
					s, loader = string(g.in[i].Src), LoaderFor(g.in[i].Name)
				}
				return api.OnLoadResult{Contents: &s, Loader: loader}, nil
			})
		}}},
	})
	if err != nil {
		panic(fmt.Sprintf("esbuild gate: %v", err.Errors))
	}
	g.ctx = ctx
	return g
}

// gateSlot returns the slot number in an entry's path or an error's file
// ("routemod:/routemod-gate/3"), or -1.
func gateSlot(file string) int {
	i := strings.LastIndex(file, gateDir)
	if i < 0 {
		return -1
	}
	k, err := strconv.Atoi(file[i+len(gateDir):])
	if err != nil || k < 0 || k >= gateSlots {
		return -1
	}
	return k
}

// gate checks in (at most gateSlots texts) with one rebuild and stores the
// first error of each text in out.
func (g *gater) gate(in []GateInput, out []*SyntaxError) {
	g.in = in
	res := g.ctx.Rebuild()
	g.in = nil
	for _, m := range res.Errors {
		if m.Text == gateStop {
			continue
		}
		i := -1
		if m.Location != nil {
			i = gateSlot(m.Location.File)
		}
		if i >= len(in) {
			continue // an empty slot cannot fail; never blame a real text for it
		}
		if i < 0 {
			// An error not tied to one text: check each text alone, or
			// blame the text if it is alone.
			if len(in) == 1 {
				out[0] = &SyntaxError{Message: m.Text + " (esbuild)"}
				return
			}
			for k := range in {
				if out[k] == nil {
					out[k] = Gate(in[k].Src, in[k].Name)
				}
			}
			return
		}
		if out[i] == nil {
			out[i] = &SyntaxError{Line: m.Location.Line, Column: m.Location.Column + 1, Message: m.Text + " (esbuild)"}
		}
	}
}
