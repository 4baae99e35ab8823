# Sourced by tests/sanitize/run.sh and tests/fuzz/run.sh: the one sanitizer tree they share.
# clang, RelWithDebInfo, -DKANSLI_SANITIZE=ON (ASan+UBSan on every object) and -DKANSLI_FUZZ=ON
# (libFuzzer coverage on the libraries the fuzz targets reach, see tests/fuzz/CMakeLists.txt).
# The sanitizer tests (test_pdf, test_verify, test_cms) link those libraries without the fuzzer:
# the ASan runtime provides the coverage callbacks. One tree, so the libraries are compiled once
# for both steps.
# Folder: KANSLI_ASAN_BUILD or KANSLI_FUZZ_BUILD (when only one is set, both steps use it),
# default build-sanitize/. Build jobs: KANSLI_ASAN_JOBS or KANSLI_FUZZ_JOBS, default 2.

# Configures the tree in folder $1 unless it is configured already. A folder configured
# otherwise (an older gcc sanitizer tree, a Release tree) is configured afresh.
sanitize_tree_configure() {
  local dir=$1 root=$2 fresh=()
  if [[ -f "$dir/CMakeCache.txt" ]]; then
    grep -q '^KANSLI_FUZZ:BOOL=ON$' "$dir/CMakeCache.txt" && return 0
    fresh=(--fresh)
  fi
  # The tests run the Release kansli (test_pdf's structure checks build and sign the examples with
  # it): it is not rebuilt here with ASan.
  # -gline-tables-only: a sanitizer report's stack needs file and line, not full debug info, which
  # was most of the compile time of the (unity) batches.
  cmake "${fresh[@]}" -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -gline-tables-only -DNDEBUG" \
        -DKANSLI_FUZZ=ON -DKANSLI_SANITIZE=ON -DKANSLI_WERROR=OFF \
        -DKANSLI_TEST_EXE="${KANSLI_BUILD_DIR:-$root/build}/pipeline/cli/kansli" >/dev/null
}
