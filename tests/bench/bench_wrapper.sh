#!/usr/bin/env bash
# What the ./kansli wrapper costs once everything is built (not a test): `./kansli --version`
# against `build/pipeline/cli/kansli --version`, run alternately N times each so that a shared
# machine's load falls on both alike. Prints the median and the minimum wall time of each and
# the wrapper's overhead (difference of the medians; of the minima). With perf installed, also
# `perf stat -r N` (CPU time, task-clock) of both.
# Usage: tests/bench/bench_wrapper.sh [N]   (default N=300; needs a built tree: ./kansli --version)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-300}"
wrapper=("$root/kansli" --version)
binary=("${KANSLI_BUILD_DIR:-$root/build}/pipeline/cli/kansli" --version)

# The wrapper must be on its fast path: a stale tree would measure a build.
"${wrapper[@]}" >/dev/null 2>"$root/.bench-wrapper.err" || true
if [[ -s "$root/.bench-wrapper.err" ]]; then
  echo "bench_wrapper: ./kansli printed to stderr (it was building); run it again" >&2
  rm -f "$root/.bench-wrapper.err"; exit 2
fi
rm -f "$root/.bench-wrapper.err"

us() { local t=${1/./}; echo $((10#$t)); }   # $EPOCHREALTIME → microseconds
tw=(); tb=()
for _ in 1 2 3; do "${wrapper[@]}" >/dev/null; "${binary[@]}" >/dev/null; done
for ((i = 0; i < n; i++)); do
  s=$EPOCHREALTIME; "${wrapper[@]}" >/dev/null; e=$EPOCHREALTIME; tw+=($(($(us "$e") - $(us "$s"))))
  s=$EPOCHREALTIME; "${binary[@]}" >/dev/null; e=$EPOCHREALTIME; tb+=($(($(us "$e") - $(us "$s"))))
done
summary() { sort -n | awk '{ v[NR] = $1 } END { printf "%d %d\n", v[int((NR + 1) / 2)], v[1] }'; }
read -r wmed wmin < <(printf '%s\n' "${tw[@]}" | summary)
read -r bmed bmin < <(printf '%s\n' "${tb[@]}" | summary)
ms() { awk -v u="$1" 'BEGIN { printf "%.2f ms", u / 1000 }'; }
printf '%-44s median %s  min %s\n' "./kansli --version" "$(ms "$wmed")" "$(ms "$wmin")"
printf '%-44s median %s  min %s\n' "build/pipeline/cli/kansli --version" "$(ms "$bmed")" "$(ms "$bmin")"
printf '%-44s median %s  min %s   (%d runs each, %s cores)\n' "wrapper overhead" \
  "$(ms $((wmed - bmed)))" "$(ms $((wmin - bmin)))" "$n" "$(nproc)"
if command -v perf >/dev/null && perf stat -r 1 true >/dev/null 2>&1; then
  for cmd in wrapper binary; do
    declare -n c=$cmd
    perf stat -r "$n" "${c[@]}" 2>&1 >/dev/null |
      awk -v what="$cmd" '/task-clock/ { cpu = $1 } /elapsed/ { el = $1 * 1000 }
                          END { printf "perf stat %-34s task-clock %s ms  elapsed %.2f ms\n", what, cpu, el }'
  done
fi
