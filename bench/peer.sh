#!/usr/bin/env bash
# Measures the peer engine on the same corpus: jscodeshift (the engine of
# @next/codemod), installed from the npm registry into a scratch folder, with
# a transform that parses every file, walks it and prints it back unchanged
# (the engine's floor per file; a real transform costs more). Dry run, one
# worker per CPU, timed with /usr/bin/time.
#
#   bench/peer.sh [SIZES...]      default: 2000 20000
#
# Env: JSCODESHIFT (npm version, default 17.4.0), SEED (default 1), WORK
#      (scratch folder, default a fresh mktemp -d; removed at the end unless
#      KEEP=1). Needs node, npm and /usr/bin/time.
set -euo pipefail

cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2000 20000)
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
if [ "${KEEP:-0}" != 1 ] && [ -z "${WORK:-}" ]; then
	trap 'rm -rf "$work"' EXIT
fi

go build -o "$work/routemod-corpus" ./cmd/routemod-corpus
(cd "$work" && [ -f package.json ] || npm init -y >/dev/null)
(cd "$work" && npm install --no-audit --no-fund "jscodeshift@${JSCODESHIFT:-17.4.0}" >/dev/null)
cat >"$work/noop.js" <<'JS'
module.exports = function (file, api) {
  const j = api.jscodeshift;
  const root = j(file.source);
  root.find(j.CallExpression).forEach(() => {});
  return root.toSource();
};
JS

for n in "${sizes[@]}"; do
	dir="$work/corpus-$n"
	[ -d "$dir/pages/api" ] || "$work/routemod-corpus" -n "$n" -seed "${SEED:-1}" -out "$dir"
	sync
	/usr/bin/time -f "%e %M" -o "$work/time-$n" "$work/node_modules/.bin/jscodeshift" -t "$work/noop.js" \
		--parser=tsx --extensions=ts,js --dry --cpus="$(nproc)" "$dir/pages/api" >"$work/out-$n" 2>&1 || true
	read -r secs rss <"$work/time-$n"
	errors=$(grep -o '[0-9]* errors' "$work/out-$n" | head -1)
	printf 'jscodeshift noop %6d files  wall %7.2fs  %7.0f files/s  max RSS %6.1f MB  (%s)\n' \
		"$n" "$secs" "$(echo "$n $secs" | awk '{print $1/$2}')" "$(echo "$rss" | awk '{print $1/1024}')" "${errors:-no summary}"
done
