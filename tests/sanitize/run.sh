#!/usr/bin/env bash
# Runs the pdf (hardened reader), verify and cms tests under AddressSanitizer + UndefinedBehaviorSanitizer.
# Usage: tests/sanitize/run.sh
# Configures build-asan/ (gcc, -DKANSLI_SANITIZE=ON, Debug-free -O1 build) once, builds only
# test_pdf, test_verify and test_cms (and the libraries they link: core, pdf, cms, verify), and runs them.
# Exits non-zero on any test failure or sanitizer report (UBSan aborts: -fno-sanitize-recover).
# Environment: KANSLI_ASAN_BUILD (build folder), KANSLI_ASAN_JOBS (build jobs, default 2).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${KANSLI_ASAN_BUILD:-$root/build-asan}"
jobs="${KANSLI_ASAN_JOBS:-2}"

if [[ ! -f "$build/CMakeCache.txt" ]]; then
  # -O1: sanitizer builds compile and run fastest there; -g for readable reports.
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Sanitize -DCMAKE_CXX_FLAGS_SANITIZE="-O1 -g" \
        -DKANSLI_SANITIZE=ON -DKANSLI_WERROR=OFF >/dev/null
fi
cmake --build "$build" -j "$jobs" --target test_pdf test_verify test_cms >/dev/null

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export TZ=UTC LC_ALL=C.UTF-8 KANSLI_HOME="$root"
status=0
for t in test_pdf test_verify test_cms; do
  if "$build/tests/$t" >"$build/$t.log" 2>&1; then
    echo "sanitize: $t passed ($(grep -E '^All tests passed|^test cases' "$build/$t.log" | tail -1))" >&2
  else
    status=1
    echo "sanitize: $t FAILED (log: $build/$t.log)" >&2
    tail -n 40 "$build/$t.log" >&2
  fi
done
exit $status
