#!/usr/bin/env bash
# The ./kansli wrapper's freshness check, on a small project of the same shape in a temporary
# folder (CMakeLists.txt, pipeline/cli/…, build/): every kind of source change makes the wrapper
# rebuild before it runs the binary, and no change makes it run the binary without building.
# Usage: tests/wrapper/freshness_test.sh   (needs cmake and g++; about 10 s)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
unset KANSLI_BUILD_DIR
failures=0

mkdir -p "$work/pipeline/cli" "$work/tests" "$work/build"
cp "$root/kansli" "$work/kansli"
cat >"$work/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(fake CXX)
add_executable(kansli pipeline/cli/main.cpp pipeline/cli/freshness.cpp)
target_include_directories(kansli PRIVATE pipeline)
set_target_properties(kansli PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/pipeline/cli)
CMAKE
# The fake binary does what the real one does first: the wrapper's freshness check (the real code).
cp "$root/pipeline/cli/freshness.hpp" "$root/pipeline/cli/freshness.cpp" "$work/pipeline/cli/"
printf '#include "cli/freshness.hpp"\n#include "cli/message.hpp"\n#include <cstdio>\n%s\n' \
  'int main(int, char** argv) { kansli::cli::ensure_wrapper_fresh(argv); std::puts(MESSAGE); }' \
  >"$work/pipeline/cli/main.cpp"
printf '#define MESSAGE "one"\n' >"$work/pipeline/cli/message.hpp"
touch "$work/build/.packages-ok"  # the package check is not under test here

# run EXPECTED_OUTPUT built|fresh WHAT: runs ./kansli, checks its output and whether it built.
run() {
  local expected="$1" mode="$2" what="$3" out err
  out="$(cd "$work" && ./kansli 2>"$work/err")"
  err="$(cat "$work/err")"
  local built=fresh
  [[ -n "$err" ]] && built=built
  if [[ "$out" == "$expected" && "$built" == "$mode" ]]; then
    echo "ok: $what ($mode, printed '$out')"
  else
    echo "FAIL: $what: expected '$expected' ($mode), got '$out' ($built)"; echo "$err" | tail -n 5
    failures=$((failures + 1))
  fi
}

run one built "first run configures and builds"
run one fresh "nothing changed"
ino_before=$(stat -c %i "$work/pipeline/cli/message.hpp")
printf '#define MESSAGE "two"\n' >"$work/pipeline/cli/message.hpp"   # in place: same inode
[[ $(stat -c %i "$work/pipeline/cli/message.hpp") == "$ino_before" ]] || echo "note: not written in place"
run two built "a header written in place (folder mtime unchanged)"
run two fresh "nothing changed after the rebuild"
printf '#define MESSAGE "three"\n' >"$work/pipeline/cli/.message.hpp.tmp"
mv "$work/pipeline/cli/.message.hpp.tmp" "$work/pipeline/cli/message.hpp"   # editor-style rename
run three built "a header replaced by rename"
touch "$work/pipeline/cli/main.cpp"
run three built "a source touched"
printf '// new\n' >"$work/pipeline/cli/extra.hpp"
run three built "a file added"
rm "$work/pipeline/cli/extra.hpp"
run three built "a file deleted"
mkdir "$work/pipeline/job"
run three built "a folder added"
printf 'message(STATUS "changed")\n' >>"$work/CMakeLists.txt"
run three built "the top CMakeLists.txt changed"
printf '// a test\n' >"$work/tests/x_test.cpp"
run three fresh "a change under tests/ (the binary does not depend on it)"
touch "$work/kansli"
touch "$work/build/.packages-ok"  # no package look-up in a test
run three built "the wrapper itself changed (its package list may have)"
run three fresh "nothing changed"
# The stage folders are shared between two threads (every other folder each): an in-place write
# in each of several folders is seen, whichever thread reads that folder.
for stage in a b c d; do mkdir "$work/pipeline/$stage"; printf '// %s\n' "$stage" >"$work/pipeline/$stage/x.hpp"; done
run three built "four stage folders added"
for stage in a b c d; do
  sleep 0.01
  printf '// %s, edited\n' "$stage" >"$work/pipeline/$stage/x.hpp"
  run three built "a header written in place in pipeline/$stage"
done
run three fresh "nothing changed"

if ((failures)); then echo "freshness_test: $failures failed"; exit 1; fi
echo "freshness_test: all passed"
