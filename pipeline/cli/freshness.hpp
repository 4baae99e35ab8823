// The ./kansli wrapper's freshness check, done by the binary it execs (no interpreter loop).
// Self-contained (libc only): tests/wrapper/freshness_test.sh compiles it into a fake project.
#pragma once

namespace kansli::cli {

/// When the ./kansli wrapper ran this process on its fast path, it passed its folder and build
/// stamp in KANSLI_WRAPPER_ROOT and KANSLI_WRAPPER_STAMP. Then every compared entry (the top
/// CMakeLists.txt, the wrapper, pipeline/, pipeline/*, pipeline/*/*, dotfiles excepted, as the
/// wrapper's own glob) is stat'ed; when one is newer than the stamp (nanoseconds, as bash's -nt),
/// or cannot be read, the wrapper is run again with KANSLI_WRAPPER_STALE=1 (it then builds and
/// execs the binary without the variables, so this never loops). Returns when the build is current
/// or the variables are absent; both variables are removed from the environment first, so that no
/// child process repeats the check.
void ensure_wrapper_fresh(char** argv);

}  // namespace kansli::cli
