#!/bin/bash
# Benchmark of kansli archive (issue 13): ingest, memory scaling, check and search. Not a test.
# Usage: tests/bench/bench_archive.sh [N=1000] [KANSLI=build/pipeline/cli/kansli] [WORK=/tmp/kansli-bench-archive]
#   1. kansli demo --batch 2N (the input, made once and kept in WORK; not timed as a target)
#   2. ingest -j 2 of N documents and of 2N, alternating, PAIRS times (default 3), each into a new
#      archive, every check (verify, rebuild, inspect, package, register): wall, CPU and peak RSS
#      (GNU time); the ratio 2N / N of the mean and of the best walls (target <= 2.1)
#      and the peak RSS (target <= 300 MB, independent of N)
#   3. archive check -j 2 of the N packages (target <= 5 s for 1000)
#   4. archive search over 10,000 documents: the register of step 2 with its rows copied under new
#      keys (tests/bench/archive_search_register.sh; the real ingest of 10,000 is too slow for a
#      bench run), then 6 queries x 5 processes each, mean wall per process, start-up included
# Run it on an idle machine; state the load (uptime) with any figure, and the speed of process
# creation (`/bin/true` per process, printed before and after): on the benchmark VM it moved
# between 2.3 and 6.2 ms within an hour, and the same ingest took 23 to 33 s of CPU with it.
set -euo pipefail
N=${1:-1000}
KANSLI=${2:-build/pipeline/cli/kansli}
W=${3:-/tmp/kansli-bench-archive}
HERE=$(cd "$(dirname "$0")" && pwd)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
K=$HERE/../../keys/demo
TRUST=(--trust "$K/root.cert.pem" --crl "$K/issuing.crl.pem" --crl "$K/root.crl.pem")
T() { /usr/bin/time -f "  $1: %e s wall, %U s user, %S s sys, %M KB peak RSS" "${@:2}"; }
us() { local t=${1/./}; echo $((10#$t)); }  # $EPOCHREALTIME in microseconds
spawn() { # mean wall of 200 /bin/true processes
  local s e
  s=$EPOCHREALTIME
  for _ in $(seq 200); do /bin/true; done
  e=$EPOCHREALTIME
  awk -v d=$(( $(us "$e") - $(us "$s") )) 'BEGIN { printf "%.2f ms", d / 200000 }'
}
# The VM's CPU speed at the moment, from a job kansli has no part in: libxml2 (xmllint) validating
# the 2N sources against protokoll.xsd in one process, user seconds, median of 3. Printed before
# every timed phase and at the end, so that a slow figure can be told apart from a slow machine: on
# 2026-12-05 the same ingest of 1000 took 20.5 s of user CPU at 23:15 and 26.7 s at 23:24, nothing
# else running. It is a snapshot of 1.5 s, and the VM's phases change within seconds. Measured on
# 2026-12-06 (xmllint over 1000 sources, one process every 1.5 s, nothing else running): 0.23-0.25 s
# user in one phase and 0.36-0.44 s in the other, on either vCPU (taskset -c 0 or 1); a busy loop
# pinned to the other vCPU left it at 0.23-0.25 s, so the slow phase is not this VM's own load.
# An ingest's CPU moves more than this job's (17.7 s user in a fast phase, 23.5 s with the job
# still reading fast): it allocates and misses the cache more, the costs a busy host inflates.
speed() {
  local runs=()
  for _ in 1 2 3; do
    /usr/bin/time -f "%U" -o "$W/speed.txt" xmllint --noout --schema "$HERE/../../schemas/protokoll.xsd" \
      "$W/in$M"/*.xml >/dev/null 2>&1 || true
    runs+=("$(tail -1 "$W/speed.txt")")
  done
  echo "  machine speed: xmllint --schema of the $M sources: $(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p) s user (median of 3)"
}
echo "load before: $(uptime); /bin/true per process: $(spawn)"
M=$((2 * N))
# Made again when another kansli version made it: the rebuild comparison of a PDF that names
# another version is not made (and costs nothing), so old input would time less than the work.
if [ "$(ls "$W/in$M"/*.pdf 2>/dev/null | wc -l)" -ne "$M" ] ||
   [ "$(cat "$W/in$M.version" 2>/dev/null)" != "$("$KANSLI" --version)" ]; then
  rm -rf "$W/in$M" "$W/in$M.version"
  T "demo --batch $M" "$KANSLI" demo --batch "$M" --out "$W/in$M" >/dev/null
  "$KANSLI" --version >"$W/in$M.version"
fi
# The first N of the 2N batch are the N batch (meeting i does not depend on the count).
rm -rf "$W/in$N" && mkdir -p "$W/in$N"
for i in $(seq -f %04g 1 "$N"); do ln "$W/in$M/$i-"* "$W/in$N/"; done
# A previous run's archives (54,000 files) are moved aside now and deleted at the end: ext4 skips
# inodes freed in the last minutes when it allocates new ones (recently_deleted()), so deleting
# them just before an ingest made its file creation measurably slower (sys 1.0 -> 3.8 s per 300
# documents), a cost of this harness and not of an ingest into a live file system.
# The same holds for the deletion at the end of the previous run when runs follow each other:
# ext4 without a journal (the benchmark VM's root) skips an inode freed less than 60 s ago (after
# a sync; 360 s while its inode table block is dirty). Back-to-back runs at 21:51-21:56 on
# 2026-12-05 took 15.2 and 18.2 s with 4.3-5.0 s sys where the first took 13.4 s with 2.3 s: the
# wait below lets that window pass.
OLD=$W/old-archives.$$
mkdir -p "$OLD"
for a in "$W"/A"$N" "$W"/A"$M" "$W"/A"$N".* "$W"/A"$M".*; do [ ! -e "$a" ] || mv "$a" "$OLD/"; done
if [ -f "$W/deleted.at" ]; then
  left=$(( $(cat "$W/deleted.at") + 65 - $(date +%s) ))
  if [ "$left" -gt 0 ]; then
    echo "  waiting $left s: the previous run deleted its archives $(( 65 - left )) s ago (ext4's recently-deleted window)"
    sleep "$left"
  fi
fi
# N, 2N, N, 2N, ..., each into a new archive. The ratio of the means lets a steady drift of the VM
# cancel; that of the best runs is the one the VM's bursts distort least
# (the same 2000 documents took 26.7 and 31.9 s in two back-to-back runs at 23:38 on 2026-12-05,
# per 200 documents 2.3-3.4 s within one run, with no trend over the run). Both are printed; a
# median would pair runs from different phases (x2.43 at 01:56 on 2026-12-06, where the means
# gave x2.02: 15.83 s for 1000 and 28.27 s for 2000 each in a slow phase, in different pairs).
ingest() {  # ingest INPUT-N ARCHIVE LABEL
  speed
  T "ingest $1 -j 2${3:+ ($3)}" "$KANSLI" archive ingest "$W/in$1" --archive "$W/$2" -j 2 "${TRUST[@]}" \
    >"$W/ingest$2.txt" 2>"$W/time$2.txt" || true
  cat "$W/time$2.txt"; tail -1 "$W/ingest$2.txt"
  # Every check really ran: each document rebuilt and compared, not skipped as another version's.
  echo "  rebuild identical: $(grep -c 'rebuild identical' "$W/ingest$2.txt") of $1"
}
# Three pairs by default: with two, the ratios moved between x1.97 and x2.16 within an hour on
# 2026-12-06, where one run of 2000 took 10.41 s for its first half and 10.54 s for its second.
PAIRS=${PAIRS:-3}
tag() { [ "$1" -eq 1 ] || echo ".run$1"; }  # the first pair's archives keep their names (check, search)
for p in $(seq 1 "$PAIRS"); do
  ingest "$N" "A$N$(tag "$p")" "$([ "$p" -eq 1 ] || echo "run $p")"
  ingest "$M" "A$M$(tag "$p")" "$([ "$p" -eq 1 ] || echo "run $p")"
done
wall() { grep -o '[0-9.]* s wall' "$W/time$1.txt" | cut -d' ' -f1; }
walls() { for p in $(seq 1 "$PAIRS"); do wall "$1$(tag "$p")"; done; }
peak() { for p in $(seq 1 "$PAIRS"); do grep -ho '[0-9]* KB peak' "$W/time$1$(tag "$p").txt"; done |
  cut -d' ' -f1 | sort -n | tail -1; }
r1=$(peak "A$N"); r2=$(peak "A$M")
mapfile -t wn < <(walls "A$N" | sort -n); mapfile -t wm < <(walls "A$M" | sort -n)
sum() { local t=0; for x in "$@"; do t=$(echo "$t + $x" | bc); done; echo "$t"; }
echo "  ingest $N: ${wn[*]} s; ingest $M: ${wm[*]} s (sorted)"
echo "  ingest $M / ingest $N: $(echo "scale=2; $(sum "${wm[@]}") / $(sum "${wn[@]}")" | bc) of the means," \
     "$(echo "scale=2; ${wm[0]} / ${wn[0]}" | bc) of the best runs (target <= 2.1)"
echo "  peak RSS: $((r1 / 1024)) MB for $N, $((r2 / 1024)) MB for $M, the highest of the runs (target <= 300 MB each)"
speed
T "check $N -j 2" "$KANSLI" archive check --archive "$W/A$N" -j 2 | tail -1
bash "$HERE/archive_search_register.sh" "$W/A$N" "$W/S" 10000
for q in "psykisk hälsa" "Mötet avslutas" "ungdomsmottagning" "--organ Patientnämnden --from 2023-01-01 --to 2023-12-31" \
         "--signer Björn --paragraf 12" "suicid --organ Samverkansberedningen"; do
  start=${EPOCHREALTIME/./}  # microseconds, no fork of date inside the interval
  for i in 1 2 3 4 5; do eval "\"$KANSLI\" archive search --archive \"$W/S\" --limit 20 $q" >/dev/null; done
  end=${EPOCHREALTIME/./}
  echo "  search $q: $(( (10#$end - 10#$start) / 5000 )) ms per process (mean of 5, start-up included)"
done
speed
echo "load after: $(uptime); /bin/true per process: $(spawn)"
rm -rf "$OLD"
sync
date +%s >"$W/deleted.at"
