package transforms

import (
	"testing"

	"github.com/routemod/routemod/codemod"
)

// TestFetchContextWhy holds which tRPC createContext functions the fetch
// adapter can call as they are: those that read nothing of their argument.
func TestFetchContextWhy(t *testing.T) {
	for _, tt := range []struct {
		fn, why string
	}{
		{`function createContext() { return {} }`, ""},
		{`const createContext = async () => ({ db })`, ""},
		{`const createContext = (opts) => ({ db })`, ""}, // never reads it
		{`const createContext = (opts) => ({ user: opts.req.headers["x-user"] })`, "reads its options opts (the Next adapter's { req, res })"},
		{`const createContext = ({ req, res }) => ({ req, res })`, "reads { req, res } of the Next adapter's options"},
		{`const createContext = (opts: CreateNextContextOptions) => ({})`, "takes the Next adapter's options (CreateNextContextOptions)"},
	} {
		t.Run(tt.fn, func(t *testing.T) {
			src := tt.fn + ";\n"
			p := codemod.NewParser()
			defer p.Close()
			root, err := p.Parse([]byte(src), false)
			if err != nil {
				t.Fatal(err)
			}
			f := &codemod.File{Path: "server/context.ts", Src: []byte(src), Root: root, TypeScript: true, Style: codemod.DetectStyle([]byte(src))}
			m := newMigration(f)
			_, fn := m.topLevelFunction("createContext")
			if fn == nil {
				t.Fatal("no createContext")
			}
			if got := m.fetchContextWhy(fn); got != tt.why {
				t.Errorf("fetchContextWhy = %q, want %q", got, tt.why)
			}
		})
	}
}
