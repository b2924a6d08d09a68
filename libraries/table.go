// Package libraries is routemod's library table: for each library whose
// pages-router API takes Node's req and res, the rows saying which call
// becomes which app-router form, and from which installed version of the
// library that form works. One file per library holds its rows as data;
// the transforms that apply them read them here, and the project index
// tells them which version the project has installed.
//
// A row names the fixture (fixtures/<name>) that shows it, in .ts and .js.
// README.md ("The library table") says how to add one.
package libraries

import (
	"bytes"
	"fmt"
	"slices"
)

// Row is one call of a library and its app-router form.
type Row struct {
	Package string   // the npm package, as in package.json
	Modules []string // the modules the call is imported from
	Name    string   // the export called
	// Versions is the npm range of installed versions the app form works
	// with; Next15, when set, replaces it when the target is Next.js 15 or
	// later (async cookies() and headers()).
	Versions, Next15 string
	Pages, App       string // the pages-router form and its app-router form
	Fixture          string // fixtures/<Fixture> shows the row (.ts and .js)
	// Wrapper is set for a wrapper of the default export that no version
	// runs in a route handler: the route is skipped, its reason naming App.
	Wrapper bool
	// MaxNext, when set, is the last Next.js major any version of the
	// range runs the app form on; Later says why not on a later one and
	// what to write there instead.
	MaxNext int
	Later   string
}

// Table is every row, library by library.
var Table = slices.Concat(nextAuth, ironSession, corsRows, nextConnect, trpc, sentry, auth0)

// Lookup returns the row of the export name of module, if any.
func Lookup(module, name string) (Row, bool) {
	for _, r := range Table {
		if r.Name == name && slices.Contains(r.Modules, module) {
			return r, true
		}
	}
	return Row{}, false
}

// Packages lists the packages of the table, each once, in table order.
func Packages() []string {
	var out []string
	for _, r := range Table {
		if !slices.Contains(out, r.Package) {
			out = append(out, r.Package)
		}
	}
	return out
}

// Named reports whether src holds, anywhere, the name of a module of the
// table. A file that imports one holds its name (routemod reads only
// specifiers without escapes), so a file for which it is false imports
// nothing of the table: the transforms spare it the import scan.
func Named(src []byte) bool {
	for _, r := range Table {
		for _, m := range r.Modules {
			if bytes.Contains(src, []byte(m)) {
				return true
			}
		}
	}
	return false
}

// Needs returns the installed versions the row's app form needs when the
// target is Next.js nextMajor.
func (r Row) Needs(nextMajor int) Range {
	s := r.Versions
	if nextMajor >= 15 && r.Next15 != "" {
		s = r.Next15
	}
	rg, err := ParseRange(s)
	if err != nil {
		panic(fmt.Sprintf("libraries: row %s of %s: %v", r.Name, r.Package, err))
	}
	return rg
}

// Supports says whether the installed version of the row's package lets
// the app form run on Next.js nextMajor. installed is what the project
// index read (an exact version, or a range from package.json or a
// lockfile), from where it read it ("" when the package is not found).
// When it does not, why says so and names the version needed ("needs
// next-auth >=4.24.9 <5 on Next.js 16 (4.24.9 or later); package.json
// gives ^4.10.0").
func (r Row) Supports(installed, from string, nextMajor int) (ok bool, why string) {
	need := r.Needs(nextMajor)
	if r.MaxNext > 0 && nextMajor > r.MaxNext {
		return false, fmt.Sprintf("needs Next.js %d or earlier with %s %s: %s", r.MaxNext, r.Package, need, r.Later)
	}
	on := ""
	if r.Next15 != "" && nextMajor >= 15 {
		on = fmt.Sprintf(" on Next.js %d", nextMajor)
	}
	if from == "" {
		return false, fmt.Sprintf("needs %s %s%s, and routemod found no installed version (node_modules, lockfile or package.json)", r.Package, need, on)
	}
	got, err := ParseRange(installed)
	if err != nil {
		return false, fmt.Sprintf("needs %s %s%s; %s gives %q, which routemod cannot read as a version", r.Package, need, on, from, installed)
	}
	if got.Within(need) {
		return true, ""
	}
	return false, fmt.Sprintf("needs %s %s%s (%s or later); %s gives %s", r.Package, need, on, need.Min(), from, installed)
}
