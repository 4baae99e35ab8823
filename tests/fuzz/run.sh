#!/usr/bin/env bash
# Fuzzes `kansli verify` (verify::verify_pdf) with libFuzzer + ASan + UBSan for a bounded time.
# Usage: tests/fuzz/run.sh [SECONDS]   (default 60)
# Configures build-fuzz/ with clang (once), builds only fuzz_verify and what it links (core, cms,
# verify), runs it on a fresh copy of the seed corpus (tests/fuzz/corpus) and exits non-zero on
# any crash, leak, sanitizer report or time-out. Findings are left in build-fuzz/fuzz-findings/;
# add each one to tests/fuzz/corpus/ as a regression once it is fixed.
# Environment: KANSLI_FUZZ_BUILD (build folder), KANSLI_FUZZ_JOBS (build jobs, default 2).
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${KANSLI_FUZZ_BUILD:-$root/build-fuzz}"
jobs="${KANSLI_FUZZ_JOBS:-2}"

if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        -DKANSLI_FUZZ=ON -DKANSLI_SANITIZE=ON -DKANSLI_WERROR=OFF >/dev/null
fi
cmake --build "$build" -j "$jobs" --target fuzz_verify >/dev/null
bin="$build/tests/fuzz/fuzz_verify"

# First the regression corpus alone (every earlier crasher must stay fixed), then fuzz.
"$bin" -runs=0 -timeout=10 -rss_limit_mb=2048 "$root/tests/fuzz/corpus" 2>"$build/fuzz-regress.log" || {
  echo "fuzz: a corpus file fails (see $build/fuzz-regress.log)" >&2
  tail -n 40 "$build/fuzz-regress.log" >&2
  exit 1
}
work="$build/fuzz-corpus"
findings="$build/fuzz-findings"
rm -rf "$work"
mkdir -p "$work" "$findings"
cp "$root"/tests/fuzz/corpus/* "$work/"
dict=()
[[ -f "$root/tests/fuzz/pdf.dict" ]] && dict=(-dict="$root/tests/fuzz/pdf.dict")
status=0
"$bin" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix="$findings/" -print_final_stats=1 "$work" 2>"$build/fuzz.log" || status=$?
tail -n 12 "$build/fuzz.log" >&2
if ((status != 0)); then
  echo "fuzz: finding(s) in $findings (log: $build/fuzz.log)" >&2
  exit 1
fi
echo "fuzz: no finding in ${seconds} s" >&2
