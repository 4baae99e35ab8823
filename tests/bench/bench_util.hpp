// Timing helpers shared by the benchmarks (not tests): wall and CPU clocks, median and minimum.
#pragma once

#include <algorithm>
#include <chrono>
#include <ctime>
#include <sys/resource.h>
#include <vector>

namespace kansli::bench {

using Clock = std::chrono::steady_clock;

/// Wall time since t0, ms.
inline double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

/// CPU time of this process (user + system), ms: less disturbed than wall time on a shared machine.
inline double cpu_ms() {
    timespec ts{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

/// CPU time (user + system) of waited-for children so far, ms.
inline double children_cpu_ms() {
    rusage ru{};
    ::getrusage(RUSAGE_CHILDREN, &ru);
    return (static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
            static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3);
}

struct Stats {
    double median = 0, min = 0;
};

/// Median and minimum of a non-empty sample.
inline Stats stats(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v.front()};
}

}  // namespace kansli::bench
