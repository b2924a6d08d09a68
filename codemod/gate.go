package codemod

import (
	"fmt"
	"path"
	"strconv"
	"strings"

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
	res := api.Transform(string(src), api.TransformOptions{
		Loader:            LoaderFor(name),
		Sourcefile:        name,
		LogLevel:          api.LogLevelSilent,
		MinifySyntax:      false,
		JSX:               api.JSXPreserve,
		Target:            api.ESNext,
		TsconfigRaw:       `{"compilerOptions":{"verbatimModuleSyntax":false}}`,
		Format:            api.FormatDefault,
		LegalComments:     api.LegalCommentsNone,
		Charset:           api.CharsetUTF8,
		TreeShaking:       api.TreeShakingFalse,
		IgnoreAnnotations: true,
	})
	if len(res.Errors) == 0 {
		return nil
	}
	m := res.Errors[0]
	se := &SyntaxError{Message: m.Text + " (esbuild)"}
	if m.Location != nil {
		se.Line, se.Column = m.Location.Line, m.Location.Column+1
	}
	return se
}

// GateInput is one text for GateBatch, named like the file it will be.
type GateInput struct {
	Src  []byte
	Name string
}

// GateBatch gates many texts with one esbuild build (each text its own
// entry point, loaded from memory, nothing bundled or written), which
// spreads esbuild's fixed cost over the batch. The i-th result is the
// first error of the i-th text, or nil.
func GateBatch(in []GateInput) []*SyntaxError {
	out := make([]*SyntaxError, len(in))
	switch len(in) {
	case 0:
		return out
	case 1:
		out[0] = Gate(in[0].Src, in[0].Name)
		return out
	}
	entries := make([]string, len(in))
	for i := range in {
		entries[i] = strconv.Itoa(i) + path.Ext(in[i].Name)
	}
	res := api.Build(api.BuildOptions{
		EntryPoints: entries,
		Bundle:      false,
		Write:       false,
		Outdir:      "/routemod-gate",
		LogLevel:    api.LogLevelSilent,
		JSX:         api.JSXPreserve,
		Target:      api.ESNext,
		TsconfigRaw: `{"compilerOptions":{"verbatimModuleSyntax":false}}`,
		Plugins: []api.Plugin{{Name: "routemod-memory", Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: `.*`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: a.Path, Namespace: "routemod"}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "routemod"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				i, err := strconv.Atoi(strings.TrimSuffix(a.Path, path.Ext(a.Path)))
				if err != nil || i < 0 || i >= len(in) {
					return api.OnLoadResult{}, fmt.Errorf("unknown gate entry %q", a.Path)
				}
				s := string(in[i].Src)
				return api.OnLoadResult{Contents: &s, Loader: LoaderFor(in[i].Name)}, nil
			})
		}}},
	})
	for _, m := range res.Errors {
		i := -1
		if m.Location != nil {
			file := m.Location.File[strings.LastIndexByte(m.Location.File, ':')+1:] // "routemod:3.ts"
			if k, err := strconv.Atoi(strings.TrimSuffix(file, path.Ext(file))); err == nil {
				i = k
			}
		}
		if m.Location == nil || i < 0 || i >= len(in) {
			// An error not tied to one text: check each text alone.
			for k := range in {
				if out[k] == nil {
					out[k] = Gate(in[k].Src, in[k].Name)
				}
			}
			return out
		}
		if out[i] == nil {
			out[i] = &SyntaxError{Line: m.Location.Line, Column: m.Location.Column + 1, Message: m.Text + " (esbuild)"}
		}
	}
	return out
}
