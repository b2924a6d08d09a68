package codemod

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

// transformGate is the reference the gate is held to: a whole esbuild
// Transform (parse, link and print) of one text, its first error or nil.
func transformGate(src []byte, name string) *SyntaxError {
	res := api.Transform(string(src), api.TransformOptions{
		Loader:      LoaderFor(name),
		Sourcefile:  name,
		LogLevel:    api.LogLevelSilent,
		JSX:         api.JSXPreserve,
		Target:      api.ESNext,
		TsconfigRaw: `{"compilerOptions":{"verbatimModuleSyntax":false}}`,
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

// gateEdgeCases are texts whose errors esbuild finds in the parser's later
// passes (scopes, declarations, exports) rather than in its grammar.
var gateEdgeCases = []GateInput{
	{[]byte("export function GET() {}\nexport { GET };\n"), "dup-export.ts"},
	{[]byte("export default 1;\nexport default 2;\n"), "dup-default.js"},
	{[]byte("let a = 1;\nlet a = 2;\n"), "dup-let.ts"},
	{[]byte("import x from 'y';\nconst x = 1;\n"), "dup-import.js"},
	{[]byte("function f() { await g(); }\n"), "await.ts"},
	{[]byte("function f() { for await (const x of y) {} }\n"), "for-await.js"},
	{[]byte("export { missing };\n"), "missing-export.js"},
	{[]byte("export { T };\ntype T = number;\n"), "type-export.ts"},
	{[]byte("class A { constructor() {} constructor() {} }\n"), "two-ctors.js"},
	{[]byte("'use strict';\nwith (a) {}\n"), "with.js"},
	{[]byte("const a = 1;\na = 2;\n"), "const-assign.js"},
	{[]byte("const f = () => new.target;\n"), "new-target.js"},
	{[]byte("a?.b = 1;\n"), "optional-assign.ts"},
	{[]byte("const d = <div/>;\n"), "jsx-in.ts"},
	{[]byte("export const x = await fetch('/');\n"), "top-level-await.ts"},
	{[]byte("return 1;\n"), "top-level-return.js"},
	{[]byte("label: label: x;\n"), "dup-label.js"},
	{[]byte("break;\n"), "stray-break.ts"},
	{[]byte("export const config = { api: { bodyParser: false } };\nmodule.exports = {};\n"), "mixed.js"},
	{[]byte("enum E { A }\nnamespace N { export const x = 1 }\nexport { E, N };\n"), "ts-only.ts"},
	{[]byte("#!/usr/bin/env node\nexport {};\n"), "hashbang.mjs"},
	{[]byte("export const x = 1n << 70n;\n"), "bigint.cjs"},
}

// TestGateMatchesTransform holds the parse-only gate to a whole esbuild
// Transform: over the edge cases above and every JavaScript and TypeScript
// file of the fixtures and the example project, both must accept or reject
// the same texts, at the same place.
func TestGateMatchesTransform(t *testing.T) {
	in := append([]GateInput(nil), gateEdgeCases...)
	for _, root := range []string{"../fixtures", "../example"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch filepath.Ext(p) {
			case ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs":
				src, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				in = append(in, GateInput{Src: src, Name: filepath.ToSlash(p)})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(in) < 3*gateSlots {
		t.Fatalf("only %d texts: the batches must span several builds", len(in))
	}
	rejected := 0
	for i, got := range GateBatch(in) {
		want := transformGate(in[i].Src, in[i].Name)
		switch {
		case (got == nil) != (want == nil):
			t.Errorf("%s: gate %v, Transform %v", in[i].Name, got, want)
		case got != nil && (got.Line != want.Line || got.Column != want.Column):
			t.Errorf("%s: gate at %d:%d, Transform at %d:%d (%s)", in[i].Name, got.Line, got.Column, want.Line, want.Column, want.Message)
		}
		if want != nil {
			rejected++
		}
	}
	if rejected < 10 {
		t.Errorf("only %d texts rejected: the edge cases no longer test the gate", rejected)
	}
}

// TestGateBatchConcurrent gates different batches from several goroutines
// at once: each must get its own texts' results, never another batch's.
func TestGateBatchConcurrent(t *testing.T) {
	const workers, rounds = 4, 20
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for r := range rounds {
				in := make([]GateInput, 1+(w+r)%(2*gateSlots))
				bad := (w * r) % len(in)
				for i := range in {
					src := fmt.Sprintf("export const v%d_%d = %d;\n", w, r, i)
					if i == bad {
						src = fmt.Sprintf("export const v%d_%d = ;\n", w, r)
					}
					in[i] = GateInput{Src: []byte(src), Name: fmt.Sprintf("w%d.ts", i)}
				}
				for i, se := range GateBatch(in) {
					if (se != nil) != (i == bad) {
						t.Errorf("worker %d round %d text %d of %d: got %v, want an error only at %d", w, r, i, len(in), se, bad)
					}
				}
			}
		})
	}
	wg.Wait()
}
