#!/bin/bash
# Two search set-ups compared in the same minutes: A and B (a binary and an archive each) run
# alternately, process by process, RUNS times for each query of archive_search_queries.txt; the
# median wall per process of each. Alternating cancels this VM's drift (its speed moves by up to
# 30 % within minutes), which comparing blocks of runs does not. Not a test.
# Usage: tests/bench/bench_archive_search_ab.sh A_KANSLI A_ARCHIVE B_KANSLI B_ARCHIVE [RUNS=31]
#   e.g. two builds on one register, or one build on two registers (page sizes, schemas).
set -euo pipefail
AK=$1 AA=$2 BK=$3 BA=$4
RUNS=${5:-31}
us() { local t=${1/./}; echo $((10#$t)); }  # $EPOCHREALTIME in microseconds
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1000 }'; }
echo "load before: $(uptime)"
while IFS='|' read -r name args; do
  eval "set -- $args"
  a=() b=()
  for _ in $(seq "$RUNS"); do
    s=$EPOCHREALTIME; "$AK" archive search --archive "$AA" "$@" >/dev/null; e=$EPOCHREALTIME
    a+=($(( $(us "$e") - $(us "$s") )))
    s=$EPOCHREALTIME; "$BK" archive search --archive "$BA" "$@" >/dev/null; e=$EPOCHREALTIME
    b+=($(( $(us "$e") - $(us "$s") )))
  done
  echo "  $name: A $(median "${a[@]}") ms, B $(median "${b[@]}") ms (medians of $RUNS)"
done <"$(dirname "$0")/archive_search_queries.txt"
echo "load after: $(uptime)"
