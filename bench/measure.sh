#!/usr/bin/env bash
# Whole-process measurement of routemod: builds the binary and the corpus
# generator, writes 2,000- and 20,000-route projects, and times a dry run
# (routemod DIR > /dev/null) and --write --force on a copy with
# /usr/bin/time -v, printing files/second and peak RSS.
#
#   bench/measure.sh [SIZES...]      default: 2000 20000
#
# The dry run and --check are timed REPEAT times each (default 3) and the
# run with the median wall time is printed again at the end: the wall time
# of one run varies by 10-20% on a shared 2-core machine. Every run starts
# after a sync, so one run's writes do not land in the next one's time.
#
# Env: JOBS (routemod -j, default: one per CPU), SEED (default 1),
#      REPEAT (default 3), WORK (scratch folder, default a fresh mktemp -d;
#      removed at the end unless KEEP=1).
set -euo pipefail

cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2000 20000)
seed=${SEED:-1}
repeat=${REPEAT:-3}
jobs=${JOBS:-$(nproc)}

if [ ! -x /usr/bin/time ]; then
	echo "measure.sh: /usr/bin/time is missing; install it with: apt-get install -y time" >&2
	exit 1
fi

work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
if [ "${KEEP:-0}" != 1 ] && [ -z "${WORK:-}" ]; then
	trap 'rm -rf "$work"' EXIT
fi

echo "building routemod and routemod-corpus ($(go version | awk '{print $3}'), $(nproc) CPUs, -j $jobs)"
go build -o "$work/routemod" ./cmd/routemod
go build -o "$work/routemod-corpus" ./cmd/routemod-corpus

# measure LABEL FILES -- CMD...: runs CMD under /usr/bin/time -v and prints
# one result line; the routemod summary line goes to $work/LABEL.summary.
measure() {
	local label=$1 files=$2
	shift 3
	local tv="$work/$label.time"
	local rc=0
	sync
	/usr/bin/time -v -o "$tv" "$@" >/dev/null 2>"$work/$label.stderr" || rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
		echo "$label: exit $rc" >&2
		tail -5 "$work/$label.stderr" >&2
	fi
	grep -E '^routemod: [0-9]* (files|routes):' "$work/$label.stderr" >"$work/$label.summary" || true
	local wall rss user sys
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tv")
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tv")
	user=$(awk -F': ' '/User time/ {print $2}' "$tv")
	sys=$(awk -F': ' '/System time/ {print $2}' "$tv")
	# wall is [h:]m:ss.ss
	local secs
	secs=$(echo "$wall" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
	printf '%-16s %6d files  wall %7.2fs  user %7.2fs  sys %6.2fs  %7.0f files/s  max RSS %6.1f MB  | %s\n' \
		"$label" "$files" "$secs" "$user" "$sys" "$(echo "$files $secs" | awk '{print $1/$2}')" \
		"$(echo "$rss" | awk '{print $1/1024}')" "$(cat "$work/$label.summary")"
}

: >"$work/results"
for n in "${sizes[@]}"; do
	dir="$work/corpus-$n"
	if [ ! -d "$dir/pages/api" ]; then
		"$work/routemod-corpus" -n "$n" -seed "$seed" -out "$dir"
	fi
	for k in $(seq "$repeat"); do
		measure "dry-run-$n#$k" "$n" -- "$work/routemod" -j "$jobs" "$dir" | tee -a "$work/results"
	done
	for k in $(seq "$repeat"); do
		measure "check-$n#$k" "$n" -- "$work/routemod" -j "$jobs" --check "$dir" | tee -a "$work/results"
	done
	copy="$work/write-$n"
	rm -rf "$copy"
	cp -r "$dir" "$copy"
	sync
	measure "write-$n" "$n" -- "$work/routemod" -j "$jobs" --write --force "$copy"
	rm -rf "$copy"
done

echo "median of $repeat runs:"
for n in "${sizes[@]}"; do
	for run in dry-run check; do
		grep "^$run-$n#" "$work/results" | sort -k5,5n | sed -n "$(((repeat + 1) / 2))p"
	done
done
