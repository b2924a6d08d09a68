//go:build unix

package nodetest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// TypeError is one diagnostic of e2e/typecheck.mjs.
type TypeError struct {
	Fixture        string `json:"fixture"`
	File           string `json:"file"`
	Line           int    `json:"line"`
	Code           string `json:"code"`
	Message        string `json:"message"`
	Marked         bool   `json:"marked"`
	MissingPackage bool   `json:"missingPackage"`
}

func (e TypeError) String() string {
	return fmt.Sprintf("%s: %s:%d: %s %s", e.Fixture, e.File, e.Line, e.Code, e.Message)
}

// Matches reports whether a is the same error as e in the same file, on any
// line.
func (e TypeError) Matches(a TypeError) bool {
	return e.Fixture == a.Fixture && e.File == a.File && e.Code == a.Code && e.Message == a.Message
}

// Typecheck links nodeModules into root and runs script (e2e/typecheck.mjs)
// over the project trees in root's folders, one TypeScript program each.
// Marked says whether an error's line is marked TODO(routemod) as that
// script defines it.
func Typecheck(ctx context.Context, script, root, nodeModules string) ([]TypeError, error) {
	if err := os.Symlink(nodeModules, filepath.Join(root, "node_modules")); err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	cmd := Command(ctx, root, "node", script, root)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("typecheck.mjs failed: %v\n%s", err, stderr.String())
	}
	var errs []TypeError
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e TypeError
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("typecheck.mjs: %v: %s", err, sc.Text())
		}
		errs = append(errs, e)
	}
	return errs, sc.Err()
}
