#!/bin/sh
# Benchmark (not a test): runs `kansli build` of a source N times as separate processes, with
# --date fixed, and prints the mean, median and minimum wall time per process and the peak RSS
# (from /usr/bin/time -v, largest over 5 runs). Checks that every run wrote identical bytes.
# Usage: bench_build_process.sh KANSLI_BINARY [N] [source.xml]
# e.g.   tests/bench/bench_build_process.sh build-perf/pipeline/cli/kansli 40
set -eu
bin=${1:?usage: bench_build_process.sh KANSLI_BINARY [N] [source.xml]}
n=${2:-30}
here=$(cd "$(dirname "$0")/../.." && pwd)
src=${3:-$here/templates/examples/protokoll-2023-02-24.xml}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$bin" build --date 2023-02-24T13:00:00+01:00 -o "$out/ref.pdf" "$src" >/dev/null
times=""
i=0
while [ "$i" -lt "$n" ]; do
    t0=$(date +%s%N)
    "$bin" build --date 2023-02-24T13:00:00+01:00 -o "$out/run.pdf" "$src" >/dev/null
    t1=$(date +%s%N)
    cmp -s "$out/ref.pdf" "$out/run.pdf" || { echo "run $i: output differs" >&2; exit 1; }
    times="$times $(( (t1 - t0) / 1000 ))"
    i=$((i + 1))
done
rss=0
i=0
while [ "$i" -lt 5 ]; do
    r=$(/usr/bin/time -v "$bin" build --date 2023-02-24T13:00:00+01:00 -o "$out/run.pdf" "$src" 2>&1 >/dev/null |
        sed -n 's/.*Maximum resident set size (kbytes): //p')
    [ "$r" -gt "$rss" ] && rss=$r
    i=$((i + 1))
done
echo "$times" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk -v n="$n" -v rss="$rss" -v src="$src" '
    { v[NR] = $1; s += $1 }
    END {
        printf "%s: %d processes\n", src, n
        printf "wall ms: mean %.1f, median %.1f, min %.1f\n", s / NR / 1000, v[int((NR + 1) / 2)] / 1000, v[1] / 1000
        printf "peak RSS: %.1f MB\n", rss / 1024
    }'
