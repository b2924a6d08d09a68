package project

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Installed is the version of a package the project has, and where it
// was read: an exact version from node_modules or a lockfile, else the
// range package.json asks for. From is "" when the package was not found.
type Installed struct {
	Version string // 4.24.7; 4.22.1 || 4.24.7 (a lockfile holding two); ^4.19.0 (package.json)
	From    string // node_modules/next-auth/package.json, package-lock.json, ..., package.json
}

// ReadInstalled reads the installed version of each package of pkgs from
// the project's files (fsys is the project root), for Installed to answer.
func (ix *Index) ReadInstalled(fsys fs.FS, pkgs []string) {
	if ix.installed == nil {
		ix.installed = map[string]Installed{}
	}
	for _, p := range pkgs {
		ix.installed[p] = InstalledVersion(fsys, p)
	}
}

// Installed returns the installed version of pkg, as ReadInstalled read it.
func (ix *Index) Installed(pkg string) Installed { return ix.installed[pkg] }

// InstalledVersion reads the version of pkg the project at fsys has:
// node_modules/<pkg>/package.json, else the lockfile (package-lock.json,
// pnpm-lock.yaml, yarn.lock), else the range in package.json's
// dependencies or devDependencies.
func InstalledVersion(fsys fs.FS, pkg string) Installed {
	var meta struct {
		Version         string            `json:"version"`
		Dependencies    map[string]string `json:"dependencies"`
		DevDependencies map[string]string `json:"devDependencies"`
	}
	nm := path.Join("node_modules", pkg, "package.json")
	if b, err := fs.ReadFile(fsys, nm); err == nil && json.Unmarshal(b, &meta) == nil && meta.Version != "" {
		return Installed{meta.Version, nm}
	}
	for _, lf := range lockfiles {
		if b, err := fs.ReadFile(fsys, lf.name); err == nil {
			if vs := lf.read(b, pkg); len(vs) > 0 {
				return Installed{strings.Join(vs, " || "), lf.name}
			}
		}
	}
	if b, err := fs.ReadFile(fsys, "package.json"); err == nil && json.Unmarshal(b, &meta) == nil {
		for _, deps := range []map[string]string{meta.Dependencies, meta.DevDependencies} {
			if r, ok := deps[pkg]; ok {
				return Installed{r, "package.json"}
			}
		}
	}
	return Installed{}
}

var lockfiles = []struct {
	name string
	read func(b []byte, pkg string) []string
}{
	{"package-lock.json", npmLock},
	{"pnpm-lock.yaml", pnpmLock},
	{"yarn.lock", yarnLock},
}

// npmLock reads package-lock.json: "packages" (lockfile v2, v3) holds the
// top-level install at node_modules/<pkg>; "dependencies" (v1) by name.
func npmLock(b []byte, pkg string) []string {
	var lock struct {
		Packages     map[string]struct{ Version string } `json:"packages"`
		Dependencies map[string]struct{ Version string } `json:"dependencies"`
	}
	if json.Unmarshal(b, &lock) != nil {
		return nil
	}
	if p, ok := lock.Packages["node_modules/"+pkg]; ok && p.Version != "" {
		return []string{p.Version}
	}
	if d, ok := lock.Dependencies[pkg]; ok && d.Version != "" {
		return []string{d.Version}
	}
	return nil
}

// lockVersion is an exact version at the start of a lockfile value
// (pnpm appends the peers it resolved: 4.24.7(next@16.0.0)).
var lockVersion = regexp.MustCompile(`^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?`)

// pnpmLock reads the package keys of pnpm-lock.yaml: /next-auth/4.24.7
// (v5), /next-auth@4.24.7 (v6), next-auth@4.24.7 (v9), quoted or not.
// Every version it holds is returned.
func pnpmLock(b []byte, pkg string) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		key := strings.TrimSpace(line)
		if !strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "   ") || !strings.HasSuffix(key, ":") {
			continue // package keys sit at two spaces
		}
		key = strings.Trim(strings.TrimSuffix(key, ":"), `'"`)
		key = strings.TrimPrefix(key, "/")
		rest, ok := strings.CutPrefix(key, pkg+"@")
		if !ok {
			rest, ok = strings.CutPrefix(key, pkg+"/")
		}
		if v := lockVersion.FindString(rest); ok && v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

// yarnLock reads yarn.lock (v1 and berry): the version line of every
// entry whose descriptors all name pkg.
func yarnLock(b []byte, pkg string) []string {
	var out []string
	mine := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line != "" && line[0] != ' ' && line[0] != '#' {
			mine = true
			for _, d := range strings.Split(strings.TrimSuffix(line, ":"), ",") {
				d = strings.Trim(strings.TrimSpace(d), `"`)
				if !strings.HasPrefix(d, pkg+"@") {
					mine = false
				}
			}
			continue
		}
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "version"); ok && mine {
			v = strings.Trim(strings.TrimSpace(strings.TrimPrefix(v, ":")), `"`)
			if v = lockVersion.FindString(v); v != "" && !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	slices.Sort(out)
	return out
}

// keepsNames reports whether the index keeps the import names of rel even
// when no file imports it: next-auth's catch-all route
// (pages/api/auth/[...nextauth].ts), where the library table looks up
// which module the options passed to NextAuth come from.
func keepsNames(rel string) bool {
	b := path.Base(rel)
	return strings.TrimSuffix(b, path.Ext(b)) == "[...nextauth]"
}
