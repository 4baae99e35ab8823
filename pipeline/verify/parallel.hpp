// The independent per-signature checks of one document (CMS, signer chain, time-stamps) run on a
// few threads; everything that touches qpdf (coverage, modifications, identity) stays sequential.
// The report does not depend on the thread count: each check writes only its own signature's
// report, in its own slot, and the caches it shares (keys, path validations) give the same answer
// to every thread (tests/verify/parallel_test.cpp compares 1 and N threads byte for byte).
#pragma once

#include <cstddef>
#include <functional>

namespace kansli::verify {

/// The most threads verify uses for the signatures of one document.
inline constexpr std::size_t kMaxVerifyThreads = 8;

/// Threads for `tasks` checks: `requested` when it is not 0, else the environment variable
/// KANSLI_VERIFY_THREADS when it holds a number from 1 to kMaxVerifyThreads, else
/// std::thread::hardware_concurrency(); always clamped to 1..kMaxVerifyThreads and to `tasks`.
/// 1 runs every check in the calling thread, in order (as before threads).
[[nodiscard]] std::size_t verify_threads(std::size_t requested, std::size_t tasks);

/// Runs task(0) ... task(n - 1) on `threads` threads (the calling thread is one of them) and
/// returns when every task has finished. An exception that escapes a task is rethrown here, after
/// all have finished (the one of the lowest index).
void run_indexed(std::size_t n, std::size_t threads, const std::function<void(std::size_t)>& task);

}  // namespace kansli::verify
