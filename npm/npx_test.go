package npm

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNpxRoutemod follows a user's path: it builds the linux-x64 binary, packs the routemod
// launcher and @routemod/linux-x64 with `npm pack`, installs both tarballs into a copy of
// the bundled example project with npm offline (no registry: the other platform packages
// are optional and npm skips them), and runs `npx routemod --version`, a dry run, --check
// and --write there. Each result must be what the same binary gives when run directly.
// It then checks the launcher's own duties: exit codes and signals passed through, the
// ROUTEMOD_BINARY_PATH override, and the message when the platform package is missing.
func TestNpxRoutemod(t *testing.T) {
	if testing.Short() {
		t.Skip("packs and installs the npm packages; skipped with -short")
	}
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skipf("packs the linux-x64 package; this is %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	for _, tool := range []string{"node", "npm", "npx"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is required for the npm packaging test and is not on PATH: %v", tool, err)
		}
	}
	start := time.Now()
	tmp := t.TempDir()
	version := packageVersion(t, "routemod")
	const commit = "npxtest"
	// npm's own state stays in tmp, and nothing is fetched.
	env := append(os.Environ(),
		"npm_config_cache="+filepath.Join(tmp, "npm-cache"),
		"npm_config_userconfig="+filepath.Join(tmp, "npmrc"),
		"npm_config_offline=true",
		"npm_config_audit=false",
		"npm_config_fund=false",
		"npm_config_update_notifier=false",
		"ROUTEMOD_BINARY_PATH=", // the test sets it only where it means to
	)

	// The packages as committed, plus the binary built now.
	pkgs := filepath.Join(tmp, "pkgs")
	copyTree(t, "routemod", filepath.Join(pkgs, "routemod"))
	copyTree(t, "linux-x64", filepath.Join(pkgs, "linux-x64"))
	bin := filepath.Join(pkgs, "linux-x64", "bin", "routemod")
	os.Remove(bin) // a binary left by npm/build.sh is not the one under test
	// Built as the other tests build it (no -trimpath), so that it comes from the build cache.
	run(t, "..", env, "go", "build", "-ldflags", "-X main.version="+version+" -X main.commit="+commit,
		"-o", bin, "./cmd/routemod")
	dist := filepath.Join(tmp, "dist")
	os.Mkdir(dist, 0o755)
	run(t, filepath.Join(pkgs, "routemod"), env, "npm", "pack", "--pack-destination", dist)
	run(t, filepath.Join(pkgs, "linux-x64"), env, "npm", "pack", "--pack-destination", dist)
	launcherTgz := filepath.Join(dist, "routemod-"+version+".tgz")
	platformTgz := filepath.Join(dist, "routemod-linux-x64-"+version+".tgz")
	t.Logf("built and packed in %s", time.Since(start).Round(time.Millisecond))

	// The project: the bundled example. Its package.json names next, react and react-dom,
	// which npm would fetch from the registry; routemod only reads that file, so npm
	// installs the tarballs beside a package.json without them, and the example's own is
	// put back afterwards.
	proj := filepath.Join(tmp, "project")
	copyTree(t, "../example", proj)
	pkgJSON := filepath.Join(proj, "package.json")
	orig, err := os.ReadFile(pkgJSON)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(pkgJSON, []byte(`{"name": "routemod-npx-test", "private": true}`+"\n"), 0o644)
	run(t, proj, env, "npm", "install", launcherTgz, platformTgz)
	os.WriteFile(pkgJSON, orig, 0o644)
	os.Remove(filepath.Join(proj, "package-lock.json"))
	t.Logf("installed in %s", time.Since(start).Round(time.Millisecond))

	// The reference: the same binary, run directly on a second copy of the example.
	direct := filepath.Join(tmp, "direct")
	copyTree(t, "../example", direct)

	t.Run("version", func(t *testing.T) {
		out, _, code := runCode(t, proj, env, "npx", "routemod", "--version")
		if want := "routemod version " + version + " (commit " + commit + ","; code != 0 || !strings.HasPrefix(out, want) {
			t.Errorf("npx routemod --version: exit %d, %q; want %q...", code, out, want)
		}
	})
	t.Run("dry run", func(t *testing.T) {
		out, errOut, code := runCode(t, proj, env, "npx", "routemod")
		wantOut, wantErr, wantCode := runCode(t, direct, env, bin)
		if code != wantCode || out != wantOut || errOut != wantErr {
			t.Errorf("npx routemod: exit %d, stdout %d bytes, stderr:\n%s\nwant exit %d, stdout %d bytes, stderr:\n%s",
				code, len(out), errOut, wantCode, len(wantOut), wantErr)
		}
		if !strings.Contains(out, "rename from pages/api/hello.js\nrename to app/api/hello/route.js\n") {
			t.Errorf("npx routemod: the diff does not move pages/api/hello.js:\n%s", out)
		}
	})
	t.Run("check exits 1", func(t *testing.T) {
		if _, _, code := runCode(t, proj, env, "npx", "routemod", "--check"); code != 1 {
			t.Errorf("npx routemod --check: exit %d, want 1 (changes pending)", code)
		}
	})
	t.Run("write", func(t *testing.T) {
		_, errOut, code := runCode(t, proj, env, "npx", "routemod", "--write")
		_, wantErr, wantCode := runCode(t, direct, env, bin, "--write")
		if code != 0 || code != wantCode || errOut != wantErr {
			t.Errorf("npx routemod --write: exit %d, stderr:\n%s\nwant exit %d, stderr:\n%s", code, errOut, wantCode, wantErr)
		}
		got, want := readTree(t, proj), readTree(t, direct)
		for _, p := range []string{"app/api/hello/route.js", "app/api/login/route.ts", "app/api/users/[id]/route.ts", "app/api/protected/route.ts"} {
			if got[p] == "" {
				t.Errorf("after npx routemod --write, %s is missing", p)
			}
		}
		for _, p := range []string{"pages/api/hello.js", "pages/api/protected.ts"} {
			if _, ok := got[p]; ok {
				t.Errorf("after npx routemod --write, %s is still there", p)
			}
		}
		for p, text := range want {
			if got[p] != text {
				t.Errorf("after npx routemod --write, %s differs from the direct run's", p)
			}
		}
		for p := range got {
			if _, ok := want[p]; !ok {
				t.Errorf("after npx routemod --write, unexpected %s", p)
			}
		}
		// --write leaves nothing to migrate (protected.ts moved, its withAuth
		// wrapper rewritten in lib/): --check exits 0 with nothing on stdout,
		// exactly as the direct binary does.
		out, errOut, code := runCode(t, proj, env, "npx", "routemod", "--check")
		wantOut, wantErr, wantCode := runCode(t, direct, env, bin, "--check")
		if code != 0 || code != wantCode || out != "" || out != wantOut || errOut != wantErr {
			t.Errorf("npx routemod --check after --write: exit %d, stdout %q, stderr:\n%s\nwant exit 0 (%d direct), stdout %q, stderr:\n%s", code, out, errOut, wantCode, wantOut, wantErr)
		}
	})

	launcher := filepath.Join(proj, "node_modules", "routemod", "bin", "routemod.js")
	t.Run("override and exit code", func(t *testing.T) {
		script := writeScript(t, tmp, "exit7", "#!/bin/sh\necho \"args: $*\"\nexit 7\n")
		out, _, code := runCode(t, proj, append(env, "ROUTEMOD_BINARY_PATH="+script), "node", launcher, "a b", "c")
		if code != 7 || out != "args: a b c\n" {
			t.Errorf("launcher with ROUTEMOD_BINARY_PATH: exit %d, %q; want exit 7, %q", code, out, "args: a b c\n")
		}
	})
	t.Run("signal passed through", func(t *testing.T) {
		// The binary stands in for a long run; the launcher gets SIGTERM, passes it on, and
		// dies of it as the binary did.
		script := writeScript(t, tmp, "wait", "#!/bin/sh\necho started\nexec sleep 30\n")
		cmd := exec.Command("node", launcher)
		cmd.Dir, cmd.Env = proj, append(env, "ROUTEMOD_BINARY_PATH="+script)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 8)
		if n, err := stdout.Read(buf); err != nil || string(buf[:n]) != "started\n" {
			t.Fatalf("the binary did not start: %q %v", buf[:n], err)
		}
		began := time.Now()
		cmd.Process.Signal(syscall.SIGTERM)
		err = cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("launcher after SIGTERM: %v, want death by SIGTERM", err)
		}
		if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
			t.Errorf("launcher after SIGTERM: %v, want death by SIGTERM", err)
		}
		if d := time.Since(began); d > 20*time.Second {
			t.Errorf("launcher took %s to end after SIGTERM: the binary did not get it", d)
		}
	})
	t.Run("platform package missing", func(t *testing.T) {
		bare := filepath.Join(tmp, "bare")
		os.MkdirAll(bare, 0o755)
		os.WriteFile(filepath.Join(bare, "package.json"), []byte(`{"name": "bare", "private": true}`+"\n"), 0o644)
		run(t, bare, env, "npm", "install", "--omit=optional", launcherTgz)
		_, errOut, code := runCode(t, bare, env, "npx", "routemod", "--version")
		if code != 2 || !strings.Contains(errOut, "@routemod/linux-x64 is not installed") || !strings.Contains(errOut, "ROUTEMOD_BINARY_PATH") {
			t.Errorf("npx routemod without its platform package: exit %d, stderr %q; want exit 2 naming @routemod/linux-x64", code, errOut)
		}
	})
	t.Logf("whole test %s", time.Since(start).Round(time.Millisecond))
}

// run runs name with args in dir and env, failing the test if it does not succeed.
func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, errOut, code := runCode(t, dir, env, name, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit %d\n%s%s", name, strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// runCode runs name with args in dir and env, and returns its stdout, stderr and exit code.
func runCode(t *testing.T, dir string, env []string, name string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return o.String(), e.String(), ee.ExitCode()
	case err != nil:
		t.Fatalf("%s: %v", name, err)
	}
	return o.String(), e.String(), 0
}

// writeScript writes an executable shell script into dir and returns its path.
func writeScript(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// copyTree copies the regular files under src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// readTree returns the files under dir, outside node_modules, keyed by slash path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
