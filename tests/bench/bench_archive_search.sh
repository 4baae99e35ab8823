#!/bin/bash
# archive search as a user runs it: one process per query, RUNS runs of each query class, median
# and minimum wall per process (start-up included), beside `kansli --version` (the start-up alone).
# Not a test. Usage: tests/bench/bench_archive_search.sh ARCHIVE [KANSLI=build/pipeline/cli/kansli] [RUNS=21]
#   ARCHIVE: a register of 10,000 documents from tests/bench/archive_search_register.sh.
#   The queries: tests/bench/archive_search_queries.txt (name|arguments), shared with
#   bench_archive_search_ab.sh.
# Run it on an idle machine; state the load (printed before and after) with any figure, and the
# speed of process creation at the time (`/bin/true` per process, printed first): on the benchmark
# VM it moved between 2.3 and 6.2 ms within an hour, and start-up is most of a search.
set -euo pipefail
A=$1
KANSLI=${2:-build/pipeline/cli/kansli}
RUNS=${3:-21}
us() { local t=${1/./}; echo $((10#$t)); }  # $EPOCHREALTIME in microseconds
median() { # RUNS wall times in ms of "$@", output discarded: "median min"
  # Timed with bash's $EPOCHREALTIME: a `$(date +%s%N)` inside the interval would add the fork and
  # exec of date itself (2-5 ms on this machine) to every figure.
  local t=() s e
  for _ in $(seq "$RUNS"); do
    s=$EPOCHREALTIME
    "$@" >/dev/null
    e=$EPOCHREALTIME
    t+=($(( $(us "$e") - $(us "$s") )))
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f ms median, %.1f min", a[int((NR + 1) / 2)] / 1000, a[1] / 1000 }'
}
echo "load before: $(uptime)"
echo "  /bin/true: $(median /bin/true)"
echo "  kansli --version: $(median "$KANSLI" --version)"
while IFS='|' read -r name args; do
  eval "set -- $args"
  last=$("$KANSLI" archive search --archive "$A" "$@" | tail -1)
  echo "  $name: $(median "$KANSLI" archive search --archive "$A" "$@")  [$last]"
done <"$(dirname "$0")/archive_search_queries.txt"
echo "load after: $(uptime)"
