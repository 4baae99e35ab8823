#!/bin/bash
# Differential check of verification (not a test): `kansli verify` text and --json reports, with
# exit codes, of two kansli-full binaries (before and after a change that must not change any
# result) over every PDF under tests/data, N `demo --batch` protokolls, tampered copies of three of
# them (tests/bench/tamper_batch.py: content, annotation, catalog, info, re-saved objects, flipped
# bytes, truncation, MediaBox), the PDF attacks of tests/verify/attacks_test.cpp (ATTACK_DUMP) and
# a `kansli demo` output (B-T, utdrag proofs); four trust/time settings each, and all files in one
# process (caches shared across documents) with 1 and with the default verify threads.
# Usage: tests/bench/verify_differential.sh OLD_KANSLI_FULL NEW_KANSLI_FULL BATCH_DIR [WORK=/tmp/kansli-verify-diff]
#   BATCH_DIR: the output of `kansli demo --batch N` (every 33rd PDF is taken); read only.
#   Run from the repository root with a built build/ (test_verify for the attacks). Exit 0 when identical.
set -euo pipefail
OLD=$1 NEW=$2 BATCH=$3 W=${4:-/tmp/kansli-verify-diff}
export SOURCE_DATE_EPOCH=1767225600
rm -rf "$W" && mkdir -p "$W/attacks" "$W/tampered" "$W/demo"
ATTACK_DUMP="$W/attacks" build/tests/test_verify "[attacks]" >/dev/null
mapfile -t batch < <(ls "$BATCH"/*.pdf | awk 'NR % 33 == 1')
for f in "${batch[0]}" "${batch[10]:-${batch[0]}}" "${batch[20]:-${batch[0]}}"; do
  python3 tests/bench/tamper_batch.py "$f" "$W/tampered"
done
"$OLD" demo --out "$W/demo-out" >/dev/null
find "$W/demo-out" -name '*.pdf' | sort | while read -r f; do cp "$f" "$W/demo/$(echo "${f#"$W"/demo-out/}" | tr / _)"; done
{ find tests/data -name '*.pdf' | sort; printf '%s\n' "${batch[@]}"; ls "$W"/demo/*.pdf "$W"/tampered/*.pdf "$W"/attacks/*.pdf; } >"$W/list.txt"
D="--trust keys/demo/root.cert.pem --crl keys/demo/issuing.crl.pem --crl keys/demo/root.crl.pem"
P="--trust tests/data/verify/pki/root.pem --crl tests/data/verify/pki/issuing.crl --crl tests/data/verify/pki/root.crl"
declare -A C=([D30]="$D --at 2030-01-01T00:00:00Z" [D46]="$D --at 2046-06-01T00:00:00Z"
              [P24]="$P --at 2024-01-01T00:00:00Z" [N30]="--at 2030-01-01T00:00:00Z")
run() {  # run BINARY OUTDIR
  local b=$1 o=$2 i=0 f c
  mkdir -p "$o"
  while read -r f; do
    i=$((i + 1))
    for c in "${!C[@]}"; do
      # shellcheck disable=SC2086
      { "$b" verify "$f" ${C[$c]} 2>&1 || echo "rc=$?"; } >"$o/$i.$c.txt"
      # shellcheck disable=SC2086
      { "$b" verify "$f" ${C[$c]} --json 2>&1 || echo "rc=$?"; } >"$o/$i.$c.json"
    done
  done <"$W/list.txt"
  mapfile -t all <"$W/list.txt"
  for c in D30 P24; do
    # shellcheck disable=SC2086
    { "$b" verify "${all[@]}" ${C[$c]} --json 2>&1 || echo "rc=$?"; } >"$o/all.$c.json"
    # shellcheck disable=SC2086
    { KANSLI_VERIFY_THREADS=1 "$b" verify "${all[@]}" ${C[$c]} 2>&1 || echo "rc=$?"; } >"$o/all1.$c.txt"
  done
}
run "$OLD" "$W/old"
run "$NEW" "$W/new"
echo "$(wc -l <"$W/list.txt") PDFs, $(ls "$W/new" | wc -l) reports each"
diff -r "$W/old" "$W/new" && echo "identical"
