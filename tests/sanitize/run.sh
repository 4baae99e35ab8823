#!/usr/bin/env bash
# Runs the pdf (hardened reader), verify, cms, render and layout tests under AddressSanitizer +
# UndefinedBehaviorSanitizer. Usage: tests/sanitize/run.sh
# Builds test_pdf, test_verify, test_cms, test_render, test_layout and test_inspect_shared (verify's
# load of a PDF read again by inspect: its lifetime) (and the libraries they link)
# in the sanitizer tree it shares with tests/fuzz/run.sh (tests/sanitize/tree.sh: clang, ASan +
# UBSan, default folder build-sanitize/), and runs them. test_pdf's structure checks run the
# Release kansli (build/, made current through ./kansli): only the code linked into the test
# binaries runs under the sanitizers.
# Exits non-zero on any test failure or sanitizer report (UBSan aborts: -fno-sanitize-recover).
# Environment: KANSLI_ASAN_BUILD (build folder; KANSLI_FUZZ_BUILD when unset), KANSLI_ASAN_JOBS
# (build jobs, default 2), KANSLI_BUILD_DIR (the Release tree, as for ./kansli).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${KANSLI_ASAN_BUILD:-${KANSLI_FUZZ_BUILD:-$root/build-sanitize}}"
jobs="${KANSLI_ASAN_JOBS:-${KANSLI_FUZZ_JOBS:-2}}"
# shellcheck source=tree.sh
source "$root/tests/sanitize/tree.sh"

sanitize_tree_configure "$build" "$root"
# The Release kansli, current (the wrapper builds it when a source is newer); its build output
# is shown only when that fails.
"$root/kansli" --version >/dev/null 2>"$build/kansli-release.log" || { cat "$build/kansli-release.log" >&2; exit 1; }
cmake --build "$build" -j "$jobs" --target test_pdf test_verify test_cms test_render test_layout \
  test_inspect_shared >/dev/null

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=1"
# Leaks inside the libraries that kansli does not call (lsan.supp says which, and why).
export LSAN_OPTIONS="suppressions=$root/tests/sanitize/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export TZ=UTC LC_ALL=C.UTF-8 KANSLI_HOME="$root"
status=0
for t in test_pdf test_verify test_cms test_render test_layout test_inspect_shared; do
  exe=$(find "$build/tests" -maxdepth 2 -type f -name "$t" | head -1)
  # test_render calls PoDoFo, which has no frame pointers: full allocation stacks
  # (fast_unwind_on_malloc=0, slower) let a suppression see the PoDoFo function that allocated.
  opts=$ASAN_OPTIONS
  [[ $t == test_render ]] && opts+=":fast_unwind_on_malloc=0"
  if [[ -n "$exe" ]] && ASAN_OPTIONS=$opts "$exe" >"$build/$t.log" 2>&1; then
    echo "sanitize: $t passed ($(grep -E '^All tests passed|^test cases' "$build/$t.log" | tail -1))" >&2
  else
    status=1
    echo "sanitize: $t FAILED (log: $build/$t.log)" >&2
    tail -n 40 "$build/$t.log" >&2
  fi
done
exit $status
