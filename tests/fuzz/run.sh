#!/usr/bin/env bash
# Fuzzes with libFuzzer + ASan + UBSan for a bounded time: fuzz_verify (`kansli verify`,
# verify::verify_pdf) and fuzz_append (the build path of an appended PDF, render/append).
# Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]   (default 60 s in all; targets: both)
# With both targets, fuzz_verify gets 2/3 of SECONDS and fuzz_append 1/3; a single named target
# gets all of it. Configures build-fuzz/ with clang (once), builds only the targets and what they
# link, runs each on its regression corpus first (every earlier crasher must stay fixed), then
# fuzzes a fresh copy of the seed corpus (tests/fuzz/corpus, plus generated hostile PDFs for
# fuzz_append) and exits non-zero on any crash, leak, sanitizer report or time-out. Findings are
# left in build-fuzz/fuzz-findings-TARGET/; add each one to tests/fuzz/corpus/ once it is fixed.
# Environment: KANSLI_FUZZ_BUILD (build folder), KANSLI_FUZZ_JOBS (build jobs, default 2).
set -euo pipefail
seconds="${1:-60}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=(fuzz_verify fuzz_append)
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${KANSLI_FUZZ_BUILD:-$root/build-fuzz}"
jobs="${KANSLI_FUZZ_JOBS:-2}"

if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        -DKANSLI_FUZZ=ON -DKANSLI_SANITIZE=ON -DKANSLI_WERROR=OFF >/dev/null
fi
cmake --build "$build" -j "$jobs" --target "${targets[@]}" >/dev/null

dict=()
[[ -f "$root/tests/fuzz/pdf.dict" ]] && dict=(-dict="$root/tests/fuzz/pdf.dict")
status=0
for target in "${targets[@]}"; do
  bin="$build/tests/fuzz/$target"
  budget=$seconds
  if ((${#targets[@]} > 1)); then
    if [[ $target == fuzz_verify ]]; then budget=$((seconds * 2 / 3)); else budget=$((seconds / 3)); fi
  fi
  if ! "$bin" -runs=0 -timeout=10 -rss_limit_mb=2048 "$root/tests/fuzz/corpus" 2>"$build/$target-regress.log"; then
    echo "fuzz: a corpus file fails $target (see $build/$target-regress.log)" >&2
    tail -n 40 "$build/$target-regress.log" >&2
    status=1
    continue
  fi
  work="$build/fuzz-corpus-$target"
  findings="$build/fuzz-findings-$target"
  rm -rf "$work"
  mkdir -p "$work" "$findings"
  cp "$root"/tests/fuzz/corpus/* "$work/"
  if [[ $target == fuzz_append ]]; then  # small members of every hostile class as seeds
    for kind in ok lying-count missing-kid non-page-kid self-kid; do
      python3 "$root/tests/support/hostile_pdf.py" "$kind" "$work/seed-$kind.pdf"
    done
    python3 "$root/tests/support/hostile_pdf.py" pages "$work/seed-pages.pdf" 3
    python3 "$root/tests/support/hostile_pdf.py" deep-tree "$work/seed-deep-tree.pdf" 70
    python3 "$root/tests/support/hostile_pdf.py" objstm-nesting "$work/seed-objstm-nesting.pdf" 70
    python3 "$root/tests/support/hostile_pdf.py" objstm-bomb "$work/seed-objstm-bomb.pdf" 1
  fi
  rc=0
  "$bin" "${dict[@]}" -max_total_time="$budget" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
         -artifact_prefix="$findings/" -print_final_stats=1 "$work" 2>"$build/$target.log" || rc=$?
  echo "fuzz: $target, ${budget} s:" >&2
  tail -n 12 "$build/$target.log" >&2
  if ((rc != 0)); then
    echo "fuzz: finding(s) of $target in $findings (log: $build/$target.log)" >&2
    status=1
  fi
done
((status == 0)) && echo "fuzz: no finding in ${seconds} s (${targets[*]})" >&2
exit $status
