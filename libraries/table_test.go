package libraries

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTable checks every row: its ranges parse, and its fixture exists
// with inputs in both .ts and .js.
func TestTable(t *testing.T) {
	for _, r := range Table {
		for _, major := range []int{14, 16} {
			r.Needs(major) // panics on a range that does not parse
		}
		if r.Package == "" || r.Name == "" || len(r.Modules) == 0 || r.Pages == "" || r.App == "" {
			t.Errorf("row %+v: a field is empty", r)
		}
		exts := map[string]bool{}
		filepath.WalkDir(filepath.Join("..", "fixtures", r.Fixture, "input"), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.Contains(p, "node_modules") {
				exts[filepath.Ext(p)] = true
			}
			return nil
		})
		if !exts[".ts"] || !exts[".js"] {
			t.Errorf("row %s of %s: fixtures/%s/input has no .ts and .js routes", r.Name, r.Package, r.Fixture)
		}
	}
}

func TestSupports(t *testing.T) {
	row, ok := Lookup("next-auth/next", "getServerSession")
	if !ok {
		t.Fatal("no getServerSession row")
	}
	for _, tc := range []struct {
		installed, from string
		major           int
		ok              bool
		why             string
	}{
		{"4.24.11", "node_modules/next-auth/package.json", 16, true, ""},
		{"4.22.1", "node_modules/next-auth/package.json", 14, true, ""},
		{"4.22.1", "node_modules/next-auth/package.json", 16, false, "needs next-auth >=4.24.9 <5 on Next.js 16 (4.24.9 or later); node_modules/next-auth/package.json gives 4.22.1"},
		{"4.18.10", "package-lock.json", 14, false, "needs next-auth >=4.19.0 <5 (4.19.0 or later); package-lock.json gives 4.18.10"},
		{"^4.24.9", "package.json", 16, true, ""},
		{"^4.10.0", "package.json", 16, false, "needs next-auth >=4.24.9 <5 on Next.js 16 (4.24.9 or later); package.json gives ^4.10.0"},
		{"latest", "package.json", 16, false, `needs next-auth >=4.24.9 <5 on Next.js 16; package.json gives "latest", which routemod cannot read as a version`},
		{"", "", 16, false, "needs next-auth >=4.24.9 <5 on Next.js 16, and routemod found no installed version (node_modules, lockfile or package.json)"},
	} {
		ok, why := row.Supports(tc.installed, tc.from, tc.major)
		if ok != tc.ok || why != tc.why {
			t.Errorf("Supports(%q, %q, %d) = %v, %q; want %v, %q", tc.installed, tc.from, tc.major, ok, why, tc.ok, tc.why)
		}
	}
}

func TestNamed(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{`import { getServerSession } from "next-auth/next";`, true},
		{`import { getIronSession } from 'iron-session';`, true},
		{`const { getToken } = require("next-auth/jwt");`, true},
		{`import { db } from "../lib/db";`, false},
		{`import NextAuth from "next-auth-plus";`, true}, // named: the scan then decides
		{``, false},
	} {
		if got := Named([]byte(c.src)); got != c.want {
			t.Errorf("Named(%q) = %v, want %v", c.src, got, c.want)
		}
	}
}

// TestSupportsMaxNext: a row whose every version stops at a Next.js major
// (Auth0 3.x on Next.js 16) is refused there, naming what to write.
func TestSupportsMaxNext(t *testing.T) {
	row, ok := Lookup("@auth0/nextjs-auth0", "getSession")
	if !ok {
		t.Fatal("no Auth0 getSession row")
	}
	if ok, why := row.Supports("3.8.0", "package-lock.json", 15); !ok {
		t.Errorf("3.8.0 on Next.js 15: refused (%s)", why)
	}
	ok, why := row.Supports("3.8.0", "package-lock.json", 16)
	if ok || !strings.HasPrefix(why, "needs Next.js 15 or earlier with @auth0/nextjs-auth0 >=3.0.0 <4: ") || !strings.Contains(why, "auth0.getSession()") {
		t.Errorf("3.8.0 on Next.js 16 = %v, %q; want refused naming 4's form", ok, why)
	}
}
