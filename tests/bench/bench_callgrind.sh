#!/usr/bin/env bash
# Instruction counts (valgrind --tool=callgrind) of verification, reliable on a shared machine where
# wall time is not (not a test):
#   - start-up: `kansli --version`;
#   - `kansli verify` as a process on the demo protokoll signed by three signers (demo root trusted,
#     the issuing CA's CRL), as tests/bench/bench_process.sh measures its wall time;
#   - in-process verify_pdf of tests/data/verify/three.pdf: bench_verify run with 1 and with 6
#     rounds, the difference / 5 is one warm verify_pdf (keys and path validations cached by the
#     previous rounds), and the same with the caches cleared before each round (what the first
#     document of a process costs, without Botan's and qpdf's start-up); bench_verify --cold-child: set-up + the
#     first (cold) and second verify_pdf of a process;
#   - `kansli verify` of the demo's signed protokoll (`kansli demo`: three signatures, each with a
#     signature time-stamp, so six path validations: three signer and three TSA chains), with
#     KANSLI_VERIFY_THREADS=1 (instructions do not depend on the thread count but for a little
#     bookkeeping; the single-threaded run is the comparable one).
# Usage: tests/bench/bench_callgrind.sh [BUILD_DIR]   (needs valgrind; BIN/BENCH override the binaries)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
bin="${BIN:-$build/pipeline/cli/kansli}"
full="$build/pipeline/cli/kansli-full"
bench="${BENCH:-$build/tests/bench/bench_verify}"
keys="$root/keys/demo"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'kansli-demo\n' >"$work/pass"

# instr COMMAND...: total instructions (Ir) of the command under callgrind.
instr() {
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$@" >/dev/null 2>"$work/cg.err" || true
  awk '/^summary:/ { print $2 }' "$work/cg.out"
}

"$full" build "$root/templates/examples/protokoll-2023-02-24.xml" -o "$work/p.pdf" --date 2023-02-24T16:00:00Z >/dev/null
in="$work/p.pdf"
i=0
for s in christian-ahren:sekreterare bjorn-sandal:justerare katarina-nyberg-finn:ordförande; do
  IFS=: read -r who role <<<"$s"
  i=$((i + 1))
  "$full" sign "$in" -o "$work/k$i.pdf" --key "$keys/$who.key.pem" --cert "$keys/$who.cert.pem" \
    --role "$role" --passphrase-file "$work/pass" --date "2023-02-2${i}T12:00:00Z" >/dev/null
  in="$work/k$i.pdf"
done

echo "kansli --version:                       $(instr "$bin" --version) instructions"
echo "kansli verify (3 signatures, trust+CRL): $(instr "$bin" verify "$work/k3.pdf" --trust "$keys/root.cert.pem" --crl "$keys/issuing.crl.pem" --at 2023-03-01T00:00:00Z) instructions"
one=$(instr "$bench" 1 "$root/tests/data/verify/three.pdf" in-process)
six=$(instr "$bench" 6 "$root/tests/data/verify/three.pdf" in-process)
echo "in-process verify_pdf (three.pdf, warm): $(( (six - one) / 5 )) instructions per document"
one=$(instr "$bench" 1 "$root/tests/data/verify/three.pdf" in-process-cleared)
six=$(instr "$bench" 6 "$root/tests/data/verify/three.pdf" in-process-cleared)
echo "  the same, caches cleared before each:  $(( (six - one) / 5 )) instructions per document"
echo "bench_verify --cold-child (set-up + 2):  $(instr "$bench" --cold-child "$root/tests/data/verify/three.pdf") instructions"
"$full" demo -o "$work/demo" --date 2026-12-01T12:00:00Z >/dev/null
bt="$work/demo/protokoll-2023-02-24.signerad.pdf"
echo "kansli verify (demo protokoll, 3 B-T):   $(KANSLI_VERIFY_THREADS=1 instr "$bin" verify "$bt" --trust "$keys/root.cert.pem" --crl "$keys/issuing.crl.pem" --crl "$keys/root.crl.pem" --at 2026-12-01T12:00:00Z) instructions"
