package transforms

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/routemod/routemod/codemod"
)

// TestGuardValueReturns migrates a route that calls a guard whose last
// statements are tail, and tells whether the guard is migrated (its value
// returns cannot be falsy without a send) or refused with the reason.
func TestGuardValueReturns(t *testing.T) {
	const guard, refused = true, false
	for _, tt := range []struct {
		tail string
		want bool
	}{
		{"return { id: token };", guard},
		{"const user = await findUser(token);\n  if (!user) {\n    res.status(401).end();\n    return null;\n  }\n  return user;", guard},
		{"const user = await findUser(token);\n  if (!user || !user.active) {\n    res.status(403).end();\n    return null;\n  }\n  return user;", guard},
		{"return user && user.active ? user : null;", refused},
		{"const ok = user && user.active ? user : null;\n  return ok;", refused},
		{"return await findUser(token);", refused},
		{"return found || null;", refused},
		{"return token.length > 0;", refused},
		{"return !token;", refused},
		{"return 0;", refused},
		{"return \"Bearer \" + token;", guard},
		{"return `user ${token}`;", guard},
		{"return found ? { id: found } : { id: \"anonymous\" };", guard},
		{"return requireBase(req, res);", refused}, // a guard's call must be bound and tested (guardTest)
		{"return session.user;", guard},            // nothing says more about it: taken as a value
	} {
		t.Run(tt.tail, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{
				"lib/g.ts": `import type { NextApiRequest, NextApiResponse } from "next";

async function findUser(t: string) { return t ? { id: t, active: t.length > 3 } : null; }
const user = { id: "1", active: true };
const found = "x";
const session = { user };

export async function requireBase(req: NextApiRequest, res: NextApiResponse) {
  if (!req.headers.authorization) {
    res.status(401).end();
    return null;
  }
  return { id: "1" };
}

export async function requireX(req: NextApiRequest, res: NextApiResponse) {
  const token = req.headers.authorization;
  if (!token) {
    res.status(401).end();
    return null;
  }
  ` + tt.tail + `
}
`,
				"pages/api/r.ts": `import type { NextApiRequest, NextApiResponse } from "next";
import { requireX } from "../../lib/g";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET") return res.status(405).end();
  const user = await requireX(req, res);
  if (!user) return;
  res.json({ user });
}
`,
			}
			for p, s := range files {
				os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
				os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644)
			}
			m, err := New(nil)
			if err != nil {
				t.Fatal(err)
			}
			var out, errOut bytes.Buffer
			codemod.Run(codemod.Options{Paths: []string{dir}, JSON: true, Jobs: 1, Migrator: m, Stdout: &out, Stderr: &errOut})
			var rep struct{ Files []codemod.Result }
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
				t.Fatalf("%v\n%s", err, errOut.String())
			}
			for _, f := range rep.Files {
				if f.Path != "pages/api/r.ts" {
					continue
				}
				got := f.Status == codemod.StatusMigrated
				if got != tt.want {
					t.Errorf("guard migrated: %v, want %v (%s %v)", got, tt.want, f.Status, f.TODOs)
				}
				if tt.want {
					return
				}
				if len(f.TODOs) == 0 || !strings.Contains(f.TODOs[0].Text, "routemod leaves requireX as it is") {
					t.Errorf("no TODO naming requireX: %v", f.TODOs)
				} else if !strings.Contains(tt.tail, "requireBase") && !strings.Contains(f.TODOs[0].Text, "it can return a falsy value without sending") {
					t.Errorf("the TODO does not say why: %v", f.TODOs)
				}
				return
			}
			t.Fatalf("no report for the route:\n%s", out.String())
		})
	}
}
