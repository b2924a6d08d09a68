package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionFromBuildInfo(t *testing.T) {
	rev := "0123456789abcdef0123456789abcdef01234567"
	tests := []struct {
		name         string
		main         string
		settings     map[string]string
		linkV, linkC string
		wantV, wantC string
	}{
		{name: "nothing known", main: "(devel)"},
		{name: "go install module@version", main: "v0.1.0", wantV: "v0.1.0"},
		{name: "clone with vcs stamping", main: "(devel)", settings: map[string]string{"vcs.revision": rev, "vcs.modified": "false"},
			wantC: "0123456789ab"},
		{name: "dirty clone", main: "(devel)", settings: map[string]string{"vcs.revision": rev, "vcs.modified": "true"},
			wantC: "0123456789ab-dirty"},
		{name: "link-time values win", main: "v9.9.9", settings: map[string]string{"vcs.revision": rev},
			linkV: "0.1.0", linkC: "abc1234", wantV: "0.1.0", wantC: "abc1234"},
		{name: "link-time version, commit from vcs", main: "(devel)", settings: map[string]string{"vcs.revision": rev},
			linkV: "0.1.0", wantV: "0.1.0", wantC: "0123456789ab"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			info := &debug.BuildInfo{Main: debug.Module{Path: "github.com/routemod/routemod", Version: tc.main}}
			for k, v := range tc.settings {
				info.Settings = append(info.Settings, debug.BuildSetting{Key: k, Value: v})
			}
			v, c := versionFromBuildInfo(info, tc.linkV, tc.linkC)
			if v != tc.wantV || c != tc.wantC {
				t.Errorf("versionFromBuildInfo = %q, %q; want %q, %q", v, c, tc.wantV, tc.wantC)
			}
		})
	}
}

func TestVersionFlag(t *testing.T) {
	for _, flag := range []string{"--version", "-v"} {
		out, errOut, code := routemod(t, t.TempDir(), flag)
		if code != 0 || !strings.HasPrefix(out, "routemod version ") || !strings.Contains(out, "(commit ") || errOut != "" {
			t.Errorf("routemod %s: exit %d, stdout %q, stderr %q", flag, code, out, errOut)
		}
	}
}
