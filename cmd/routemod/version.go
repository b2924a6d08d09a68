package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version and commit name the build. Release builds set them at link time
// (scripts/build.sh):
//
//	go build -ldflags "-X main.version=0.1.0 -X main.commit=1a2b3c4d5e6f" ./cmd/routemod
//
// Left empty, versionString falls back to the module's build information.
var version, commit string

// versionString returns the text `routemod --version` prints after
// "routemod version ": the version, the commit and the platform, e.g.
// "0.1.0 (commit 1a2b3c4d5e6f, go1.26.8 linux/amd64)".
// Without link-time values the version is the module version recorded by
// `go install module@version` (else "devel") and the commit is the VCS
// revision Go stamps into a build from a clone (else "unknown"; with
// "-dirty" when the work tree had changes).
func versionString() string {
	v, c := version, commit
	if info, ok := debug.ReadBuildInfo(); ok {
		v, c = versionFromBuildInfo(info, v, c)
	}
	if v == "" {
		v = "devel"
	}
	if c == "" {
		c = "unknown"
	}
	return fmt.Sprintf("%s (commit %s, %s %s/%s)", v, c, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// versionFromBuildInfo fills an empty version or commit from info: the main
// module's version unless it is "(devel)", and the first 12 digits of
// vcs.revision, suffixed "-dirty" when vcs.modified is true.
func versionFromBuildInfo(info *debug.BuildInfo, v, c string) (string, string) {
	if v == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	if c != "" {
		return v, c
	}
	var rev string
	var dirty bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" && dirty {
		rev += "-dirty"
	}
	return v, rev
}
