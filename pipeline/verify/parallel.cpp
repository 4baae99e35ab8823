#include "verify/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace kansli::verify {

std::size_t verify_threads(std::size_t requested, std::size_t tasks) {
    std::size_t n = requested;
    if (n == 0) {
        if (const char* env = std::getenv("KANSLI_VERIFY_THREADS"); env && *env) {
            const std::string v(env);
            if (v.size() <= 2 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
                n = static_cast<std::size_t>(std::stoul(v));
        }
        // Read once per process: glibc reads /sys/devices/system/cpu/online on every call (0.4 % of
        // `archive check`, which asks once per document). The count decides speed only, never a result.
        static const std::size_t hardware = std::thread::hardware_concurrency();
        if (n == 0) n = hardware;
    }
    return std::clamp<std::size_t>(std::min(n, tasks), 1, kMaxVerifyThreads);
}

void run_indexed(std::size_t n, std::size_t threads, const std::function<void(std::size_t)>& task) {
    std::vector<std::exception_ptr> errors(n);
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (std::size_t i = next++; i < n; i = next++) {
            try {
                task(i);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    };
    {
        std::vector<std::jthread> pool;
        for (std::size_t t = 1; t < std::min(threads, n); ++t) {
            try {
                pool.emplace_back(work);
            } catch (const std::system_error&) {  // no thread to be had: fewer do the work
                break;
            }
        }
        work();
    }  // joins
    for (auto& e : errors) {
        if (e) std::rethrow_exception(e);
    }
}

}  // namespace kansli::verify
