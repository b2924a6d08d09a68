package codemod

import (
	"path"

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
