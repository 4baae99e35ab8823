#!/bin/bash
# Instruction counts (valgrind --tool=callgrind; repeatable on a shared machine, unlike wall time)
# of kansli archive ingest -j 1 and check -j 1 of a small batch, and of one search process over a
# 10,000-document register. Not a test. Usage: tests/bench/bench_archive_callgrind.sh [N=20] [BUILD=build]
set -euo pipefail
N=${1:-20}
HERE=$(cd "$(dirname "$0")" && pwd)
B=${2:-$HERE/../../build}/pipeline/cli
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
K=$HERE/../../keys/demo
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
instr() {
  valgrind --tool=callgrind --callgrind-out-file="$W/cg.out" "$@" >/dev/null 2>"$W/cg.err" || true
  awk '/^summary:/ { print $2 }' "$W/cg.out"
}
"$B/kansli-full" demo --batch "$N" --out "$W/in" >/dev/null
i=$(instr "$B/kansli-full" archive ingest "$W/in" --archive "$W/A" -j 1 --trust "$K/root.cert.pem" \
  --crl "$K/issuing.crl.pem" --crl "$K/root.crl.pem")
echo "ingest of $N -j 1: $i instructions ($((i / N)) per document)"
c=$(instr "$B/kansli-full" archive check --archive "$W/A" -j 1)
echo "check of $N -j 1:  $c instructions ($((c / N)) per package)"
bash "$HERE/archive_search_register.sh" "$W/A" "$W/S" 10000 >/dev/null
for q in "psykisk hälsa" "--organ Patientnämnden --from 2023-01-01 --to 2023-12-31" "--signer Björn --paragraf 12"; do
  eval "s=\$(instr \"$B/kansli\" archive search --archive \"$W/S\" --limit 20 $q)"
  echo "search $q (10,000 documents, one process): $s instructions"
done
