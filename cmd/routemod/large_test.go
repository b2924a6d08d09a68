package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHugeRouteIsSkipped: a route file above 10 MB is skipped unread,
// with its size as the reason.
func TestHugeRouteIsSkipped(t *testing.T) {
	dir := project(t, map[string]string{"pages/api/ok.js": hello})
	big := "// " + strings.Repeat("x", 11<<20) + "\nexport default function h(req, res) { res.end() }\n"
	if err := os.WriteFile(filepath.Join(dir, "pages/api/big.js"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := routemod(t, dir, "-l")
	if code != 0 || !strings.Contains(errOut, "pages/api/big.js: skipped: 11.0 MB, larger than a route file should be (10 MB): left as it is") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}
