package npm

import (
	"bytes"
	"debug/buildinfo"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// binaryCheck is what the binary of one npm platform package must look like.
type binaryCheck struct {
	platform   string // npm/<platform>
	exe        string // the file in npm/<platform>/bin
	goos, arch string // GOOS, GOARCH in its Go build information
	format     func(t *testing.T, path string)
}

// darwinLibs are the libraries a macOS binary may import: the system library, and the
// resolver and frameworks npm/build.sh writes stubs for.
var darwinLibs = []string{
	"/usr/lib/libSystem.B.dylib",
	"/usr/lib/libresolv.9.dylib",
	"/System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation",
	"/System/Library/Frameworks/Security.framework/Versions/A/Security",
}

// darwinSymbols are symbols a macOS binary must import, each from its framework. (Go's
// resolver imports res_9_* from libresolv only when the program resolves names with it;
// routemod does not, and the library stays in its load commands.)
var darwinSymbols = map[string]string{
	"_CFRelease":                 "/System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation",
	"_SecTrustEvaluateWithError": "/System/Library/Frameworks/Security.framework/Versions/A/Security",
}

// machoFlatLookup is the library ordinal of an undefined symbol that is looked up in every
// loaded image at run time (DYNAMIC_LOOKUP_ORDINAL), as -undefined dynamic_lookup leaves a
// symbol no library provided at link time.
const machoFlatLookup = 0xfe

var binaryChecks = []binaryCheck{
	{"linux-x64", "routemod", "linux", "amd64", checkELF(elf.EM_X86_64, "/lib64/ld-linux-x86-64.so.2")},
	{"linux-arm64", "routemod", "linux", "arm64", checkELF(elf.EM_AARCH64, "/lib/ld-linux-aarch64.so.1")},
	{"darwin-x64", "routemod", "darwin", "amd64", checkMachO(macho.CpuAmd64)},
	{"darwin-arm64", "routemod", "darwin", "arm64", checkMachO(macho.CpuArm64)},
	{"win32-x64", "routemod.exe", "windows", "amd64", checkPE(pe.IMAGE_FILE_MACHINE_AMD64)},
}

// TestPlatformBinaries checks the binaries npm/build.sh writes into npm/<platform>/bin: the
// executable format and architecture, the libraries they import (only ones every machine of
// that platform has), the Go build information (cgo on, the platform), and the version of
// npm/routemod/package.json and the commit set at link time. The binaries are not committed: a platform
// whose binary is absent is skipped, unless ROUTEMOD_CHECK_BINARIES (set by npm/build.sh)
// names it.
func TestPlatformBinaries(t *testing.T) {
	required := strings.Fields(os.Getenv("ROUTEMOD_CHECK_BINARIES"))
	version := packageVersion(t, "routemod")
	for _, bc := range binaryChecks {
		t.Run(bc.platform, func(t *testing.T) {
			path := filepath.Join(bc.platform, "bin", bc.exe)
			if _, err := os.Stat(path); err != nil {
				if slices.Contains(required, bc.platform) {
					t.Fatalf("%s: %v", path, err)
				}
				t.Skipf("%s not built (npm/build.sh builds it)", path)
			}
			bc.format(t, path)
			checkBuildInfo(t, path, bc.goos, bc.arch, version)
		})
	}
}

// checkBuildInfo checks the Go build information recorded in the binary at path.
func checkBuildInfo(t *testing.T, path, goos, arch, version string) {
	t.Helper()
	info, err := buildinfo.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: Go build information: %v", path, err)
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	for key, want := range map[string]string{"GOOS": goos, "GOARCH": arch, "CGO_ENABLED": "1"} {
		if settings[key] != want {
			t.Errorf("%s: build setting %s = %q, want %q", path, key, settings[key], want)
		}
	}
	// -trimpath keeps -ldflags out of the build settings, so look for the values it set: the
	// version, and the commit npm/build.sh passes in ROUTEMOD_CHECK_COMMIT.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(version)) {
		t.Errorf("%s: does not contain the version %s", path, version)
	}
	if c := os.Getenv("ROUTEMOD_CHECK_COMMIT"); c != "" && !bytes.Contains(data, []byte(c)) {
		t.Errorf("%s: does not contain the commit %s", path, c)
	}
	t.Logf("%s: %s, %s/%s, cgo", path, info.GoVersion, goos, arch)
}

// checkELF checks a dynamically linked Linux executable for machine, with interpreter interp,
// importing only glibc's libraries and no glibc symbol newer than 2.28.
func checkELF(machine elf.Machine, interp string) func(*testing.T, string) {
	return func(t *testing.T, path string) {
		f, err := elf.Open(path)
		if err != nil {
			t.Fatalf("%s: not ELF: %v", path, err)
		}
		defer f.Close()
		if f.Class != elf.ELFCLASS64 || f.Machine != machine || f.Type != elf.ET_EXEC && f.Type != elf.ET_DYN {
			t.Errorf("%s: %v %v %v, want ELFCLASS64 %v executable", path, f.Class, f.Machine, f.Type, machine)
		}
		if p := f.Section(".interp"); p == nil {
			t.Errorf("%s: no .interp section", path)
		} else if data, _ := p.Data(); strings.TrimRight(string(data), "\x00") != interp {
			t.Errorf("%s: interpreter %q, want %q", path, data, interp)
		}
		libs, err := f.ImportedLibraries()
		if err != nil {
			t.Fatal(err)
		}
		glibc := []string{"libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "libresolv.so.2", filepath.Base(interp)}
		for _, lib := range libs {
			if !slices.Contains(glibc, lib) {
				t.Errorf("%s: imports %s, not a glibc library", path, lib)
			}
		}
		if !slices.Contains(libs, "libc.so.6") {
			t.Errorf("%s: imports %v, want libc.so.6 among them", path, libs)
		}
		syms, err := f.ImportedSymbols()
		if err != nil {
			t.Fatal(err)
		}
		newest := ""
		for _, s := range syms {
			if v, ok := strings.CutPrefix(s.Version, "GLIBC_"); ok && glibcNewer(v, newest) {
				newest = v
			}
		}
		if glibcNewer(newest, "2.28") {
			t.Errorf("%s: needs glibc %s, want 2.28 at most", path, newest)
		}
		t.Logf("%s: ELF %v, %v, imports %v, newest glibc symbol %s", path, f.Machine, interp, libs, newest)
	}
}

// glibcNewer reports whether glibc version a ("2.17") is newer than b ("" is older than any).
func glibcNewer(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := range max(len(pa), len(pb)) {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			return x > y
		}
	}
	return false
}

// checkMachO checks a macOS executable for cpu, importing only darwinLibs (all of them) and
// darwinSymbols.
func checkMachO(cpu macho.Cpu) func(*testing.T, string) {
	return func(t *testing.T, path string) {
		f, err := macho.Open(path)
		if err != nil {
			t.Fatalf("%s: not Mach-O: %v", path, err)
		}
		defer f.Close()
		if f.Cpu != cpu || f.Type != macho.TypeExec || f.Magic != macho.Magic64 {
			t.Errorf("%s: %v %v magic %#x, want 64-bit %v executable", path, f.Cpu, f.Type, f.Magic, cpu)
		}
		libs, err := f.ImportedLibraries()
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(libs)
		want := slices.Sorted(slices.Values(darwinLibs))
		if !slices.Equal(libs, want) {
			t.Errorf("%s: imports libraries\n%v\nwant\n%v", path, libs, want)
		}
		// With two-level namespaces, an undefined symbol's n_desc holds the 1-based ordinal of
		// the LC_LOAD_DYLIB it binds to, in load order (ImportedLibraries' order).
		order, _ := f.ImportedLibraries()
		if f.Symtab == nil || f.Dysymtab == nil {
			t.Fatalf("%s: no symbol table", path)
		}
		undef := f.Symtab.Syms[f.Dysymtab.Iundefsym : f.Dysymtab.Iundefsym+f.Dysymtab.Nundefsym]
		from := map[string]string{}
		var flat []string
		for _, s := range undef {
			switch ord := int(s.Desc >> 8); {
			case ord == machoFlatLookup:
				flat = append(flat, s.Name)
			case ord >= 1 && ord <= len(order):
				from[s.Name] = order[ord-1]
			default:
				t.Errorf("%s: %s binds to library ordinal %d", path, s.Name, ord)
			}
		}
		for sym, lib := range darwinSymbols {
			if from[sym] != lib {
				t.Errorf("%s: %s binds to %q, want %s", path, sym, from[sym], lib)
			}
		}
		if len(flat) > 0 {
			t.Errorf("%s: %d symbols left to a run-time flat lookup (no library named them at link time): %v", path, len(flat), flat)
		}
		t.Logf("%s: Mach-O %v, imports %v; %d symbols, each bound to its library", path, f.Cpu, libs, len(undef))
	}
}

// windowsDLLs are the DLLs a Windows binary may import besides the API sets of the
// Universal C Runtime (api-ms-win-crt-*, part of Windows 10 and later, which Go requires):
// Windows' own, never MinGW's (libwinpthread-1.dll, libgcc_s_seh-1.dll).
var windowsDLLs = []string{"kernel32.dll", "msvcrt.dll", "advapi32.dll", "ntdll.dll", "ws2_32.dll",
	"winmm.dll", "user32.dll", "shell32.dll", "bcrypt.dll", "crypt32.dll", "secur32.dll",
	"iphlpapi.dll", "netapi32.dll", "userenv.dll", "dnsapi.dll", "powrprof.dll", "mswsock.dll"}

// checkPE checks a Windows console executable for machine, importing only windowsDLLs and
// the C runtime's API sets.
func checkPE(machine uint16) func(*testing.T, string) {
	return func(t *testing.T, path string) {
		f, err := pe.Open(path)
		if err != nil {
			t.Fatalf("%s: not PE: %v", path, err)
		}
		defer f.Close()
		oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
		if f.Machine != machine || !ok || oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_CUI {
			t.Errorf("%s: machine %#x, optional header %T, want %#x PE32+ console", path, f.Machine, f.OptionalHeader, machine)
		}
		// debug/pe's ImportedLibraries returns nothing; each imported symbol is "name:DLL".
		syms, err := f.ImportedSymbols()
		if err != nil {
			t.Fatal(err)
		}
		dlls := map[string]int{}
		for _, s := range syms {
			_, dll, _ := strings.Cut(s, ":")
			dlls[strings.ToLower(dll)]++
		}
		for dll := range dlls {
			if !slices.Contains(windowsDLLs, dll) && !strings.HasPrefix(dll, "api-ms-win-crt-") {
				t.Errorf("%s: imports %s, not a DLL every Windows 10 has", path, dll)
			}
		}
		if dlls["kernel32.dll"] == 0 {
			t.Errorf("%s: imports from %v, want kernel32.dll among them", path, dlls)
		}
		t.Logf("%s: PE %#x console, imports %d symbols from %v", path, f.Machine, len(syms), slices.Sorted(maps.Keys(dlls)))
	}
}

// packageVersion returns the version in npm/<dir>/package.json.
func packageVersion(t *testing.T, dir string) string {
	t.Helper()
	return readPackage(t, dir).Version
}

// npmPackage is the part of a package.json these tests read.
type npmPackage struct {
	Name                 string            `json:"name"`
	Version              string            `json:"version"`
	OS                   []string          `json:"os"`
	CPU                  []string          `json:"cpu"`
	Files                []string          `json:"files"`
	Bin                  map[string]string `json:"bin"`
	OptionalDependencies map[string]string `json:"optionalDependencies"`
}

func readPackage(t *testing.T, dir string) npmPackage {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p npmPackage
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("%s/package.json: %v", dir, err)
	}
	return p
}
