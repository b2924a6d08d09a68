package npm

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// platformPackages are the npm platform packages: folder, package name, os and cpu (as
// Node's process.platform and process.arch name them), and the binary they ship.
var platformPackages = []struct {
	dir, name, os, cpu, exe string
}{
	{"linux-x64", "@routemod/linux-x64", "linux", "x64", "bin/routemod"},
	{"linux-arm64", "@routemod/linux-arm64", "linux", "arm64", "bin/routemod"},
	{"darwin-x64", "@routemod/darwin-x64", "darwin", "x64", "bin/routemod"},
	{"darwin-arm64", "@routemod/darwin-arm64", "darwin", "arm64", "bin/routemod"},
	{"win32-x64", "@routemod/win32-x64", "win32", "x64", "bin/routemod.exe"},
}

// TestPackagesPinned checks the package.json files: every platform package has its os and
// cpu, ships only its binary, and has the launcher's exact version, and the launcher
// depends on each of them, optionally, at that exact version.
func TestPackagesPinned(t *testing.T) {
	launcher := readPackage(t, "routemod")
	if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(launcher.Version) {
		t.Errorf("routemod version %q, want an exact x.y.z", launcher.Version)
	}
	if launcher.Bin["routemod"] != "bin/routemod.js" {
		t.Errorf("routemod bin = %v, want routemod: bin/routemod.js", launcher.Bin)
	}
	if len(launcher.OptionalDependencies) != len(platformPackages) {
		t.Errorf("routemod optionalDependencies = %v, want the %d platform packages", launcher.OptionalDependencies, len(platformPackages))
	}
	launcherJS, err := os.ReadFile("routemod/bin/routemod.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, pp := range platformPackages {
		t.Run(pp.dir, func(t *testing.T) {
			p := readPackage(t, pp.dir)
			if p.Name != pp.name || p.Version != launcher.Version {
				t.Errorf("%s/package.json: %s@%s, want %s@%s", pp.dir, p.Name, p.Version, pp.name, launcher.Version)
			}
			if !slices.Equal(p.OS, []string{pp.os}) || !slices.Equal(p.CPU, []string{pp.cpu}) {
				t.Errorf("%s/package.json: os %v cpu %v, want [%s] [%s]", pp.dir, p.OS, p.CPU, pp.os, pp.cpu)
			}
			if !slices.Equal(p.Files, []string{pp.exe}) {
				t.Errorf("%s/package.json: files %v, want [%s]", pp.dir, p.Files, pp.exe)
			}
			if v := launcher.OptionalDependencies[pp.name]; v != launcher.Version {
				t.Errorf("routemod optionalDependencies[%s] = %q, want exactly %q", pp.name, v, launcher.Version)
			}
			if entry := `"` + pp.os + "-" + pp.cpu + `": "` + pp.name + `"`; !strings.Contains(string(launcherJS), entry) {
				t.Errorf("routemod/bin/routemod.js lacks the platform entry %s", entry)
			}
		})
	}
}
