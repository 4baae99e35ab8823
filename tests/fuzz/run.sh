#!/usr/bin/env bash
# Fuzzes kansli with libFuzzer + ASan + UBSan for a bounded time, sharing SECONDS between the
# targets: fuzz_verify (`kansli verify`, verify::verify_pdf), fuzz_source (the XML loader and
# the rules: parse, XSD validation, model build, rules) and fuzz_append (the build path of an
# appended PDF: pdf/ hardened reader, render/append).
# Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]   (default 60 in total, every target)
# Builds only the fuzz targets and what they link in the sanitizer tree it shares with
# tests/sanitize/run.sh (tests/sanitize/tree.sh: clang, libFuzzer + ASan + UBSan, default folder
# build-sanitize/), runs each first on its regression corpus, then on a fresh copy of its seed
# corpus, and exits non-zero on any crash, leak, sanitizer report or time-out. Findings are left
# in BUILD/fuzz-findings/TARGET/; add each one to the target's corpus as a regression once it
# is fixed. Seeds: fuzz_verify tests/fuzz/corpus/; fuzz_source tests/fuzz/corpus-source/ plus
# every XML file of templates/examples and templates/new; fuzz_append tests/fuzz/corpus/
# plus small members of every hostile class made by tests/support/hostile_pdf.py.
# Environment: KANSLI_FUZZ_BUILD (build folder; KANSLI_ASAN_BUILD when unset), KANSLI_FUZZ_JOBS
# (build jobs, default 2).
set -euo pipefail
seconds="${1:-60}"
shift || true
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${KANSLI_FUZZ_BUILD:-${KANSLI_ASAN_BUILD:-$root/build-sanitize}}"
jobs="${KANSLI_FUZZ_JOBS:-${KANSLI_ASAN_JOBS:-2}}"
targets=("$@")
((${#targets[@]})) || targets=(fuzz_verify fuzz_source fuzz_append)
# shellcheck source=../sanitize/tree.sh
source "$root/tests/sanitize/tree.sh"

sanitize_tree_configure "$build" "$root"
cmake --build "$build" -j "$jobs" --target "${targets[@]}" >/dev/null

# Seeds of one target into folder $2 (regression files first, they must all pass).
seed() {
  case "$1" in
    fuzz_verify) cp "$root"/tests/fuzz/corpus/* "$2/" ;;
    fuzz_source)
      cp "$root"/tests/fuzz/corpus-source/* "$2/"
      cp "$root"/templates/examples/*.xml "$root"/templates/new/*.xml "$2/" ;;
    fuzz_append)
      cp "$root"/tests/fuzz/corpus/* "$2/"
      local kind
      for kind in ok lying-count missing-kid non-page-kid self-kid; do
        python3 "$root/tests/support/hostile_pdf.py" "$kind" "$2/seed-$kind.pdf"
      done
      python3 "$root/tests/support/hostile_pdf.py" pages "$2/seed-pages.pdf" 3
      python3 "$root/tests/support/hostile_pdf.py" deep-tree "$2/seed-deep-tree.pdf" 70
      python3 "$root/tests/support/hostile_pdf.py" objstm-nesting "$2/seed-objstm-nesting.pdf" 70
      python3 "$root/tests/support/hostile_pdf.py" objstm-bomb "$2/seed-objstm-bomb.pdf" 1 ;;
  esac
}
dict_of() {
  case "$1" in
    fuzz_verify | fuzz_append) echo "$root/tests/fuzz/pdf.dict" ;;
    fuzz_source) echo "$root/tests/fuzz/xml.dict" ;;
  esac
}

share=$((seconds / ${#targets[@]}))
((share > 0)) || share=1
status=0
for t in "${targets[@]}"; do
  bin="$build/tests/fuzz/$t"
  work="$build/fuzz-corpus/$t"
  findings="$build/fuzz-findings/$t"
  rm -rf "$work"
  mkdir -p "$work" "$findings"
  seed "$t" "$work"
  # First the corpus alone (every earlier crasher must stay fixed), then fuzz.
  "$bin" -runs=0 -timeout=10 -rss_limit_mb=2048 "$work" 2>"$build/$t-regress.log" || {
    echo "fuzz: $t: a corpus file fails (see $build/$t-regress.log)" >&2
    tail -n 40 "$build/$t-regress.log" >&2
    status=1
    continue
  }
  dict=()
  d="$(dict_of "$t")"
  [[ -f "$d" ]] && dict=(-dict="$d")
  rc=0
  "$bin" "${dict[@]}" -max_total_time="$share" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
         -artifact_prefix="$findings/" -print_final_stats=1 "$work" 2>"$build/$t.log" || rc=$?
  echo "fuzz: $t:" >&2
  tail -n 12 "$build/$t.log" >&2
  if ((rc != 0)); then
    echo "fuzz: $t: finding(s) in $findings (log: $build/$t.log)" >&2
    status=1
  else
    echo "fuzz: $t: no finding in ${share} s" >&2
  fi
done
exit $status
