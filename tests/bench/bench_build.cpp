// Benchmark (not a test): `kansli build` on the example protokoll.
//  1. in-process: load (schema + rules), compose, render, N times each — ms per document and
//     pages/s for render alone and for the whole chain;
//  2. the whole process: fork/exec `kansli build` N times — wall ms per run, peak RSS.
// Usage: bench_build [N] [source.xml]
#include "job/build.hpp"
#include "job/load.hpp"
#include "job/paths.hpp"
#include "layout/compose.hpp"
#include "layout/fonts.hpp"
#include "layout/hyphenate.hpp"
#include "layout/style.hpp"
#include "render/render.hpp"
#include "source/schema_set.hpp"
#include "support/tools.hpp"
#include "bench_util.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace kansli;
using namespace kansli::bench;

namespace {

long peak_rss_kb(int who) {
    rusage ru{};
    ::getrusage(who, &ru);
    return ru.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
    const std::string src = argc > 2 ? argv[2] : test::source("templates/examples/protokoll-2023-02-24.xml");
    const job::Home home{test::source("")};
    const core::Instant when{1677243600};

    // Fixed costs each `kansli build` process pays once (CPU ms).
    double f0 = cpu_ms();
    const auto schemas = source::SchemaSet::load(home.schemas());
    const double cpu_schemas = cpu_ms() - f0;
    f0 = cpu_ms();
    const auto style = layout::load_style(home.templates() + "/style/region-jh.conf");
    const double cpu_style = cpu_ms() - f0;
    f0 = cpu_ms();
    const auto fonts = layout::FontSet::load(layout::font_paths(style));
    const double cpu_fonts = cpu_ms() - f0;
    f0 = cpu_ms();
    layout::Hyphenator hyphenator;
    const double cpu_hyphen = cpu_ms() - f0;
    std::printf("fixed per process (CPU ms): schemas %.2f, style %.2f, fonts %.2f, hyphenation dictionary %.2f\n",
                cpu_schemas, cpu_style, cpu_fonts, cpu_hyphen);
    std::vector<double> t_load, t_compose, t_render, t_all, cpu_render, cpu_all;
    layout::PageSet pages;
    int page_count = 0;
    std::size_t bytes = 0;
    for (int i = 0; i < n; ++i) {
        auto t0 = Clock::now();
        const double c0 = cpu_ms();
        core::DiagSink sink;
        auto doc = job::load_document(src, schemas, sink);
        if (!doc) {
            std::fprintf(stderr, "bench_build: %s is not valid\n", src.c_str());
            return 1;
        }
        t_load.push_back(ms_since(t0));
        auto t1 = Clock::now();
        pages = layout::compose(*doc, style, fonts, &hyphenator, when, &sink);
        t_compose.push_back(ms_since(t1));
        auto t2 = Clock::now();
        const double c2 = cpu_ms();
        auto pdf = render::render(pages);
        t_render.push_back(ms_since(t2));
        cpu_render.push_back(cpu_ms() - c2);
        t_all.push_back(ms_since(t0));
        cpu_all.push_back(cpu_ms() - c0);
        page_count = pdf.page_count;
        bytes = pdf.bytes.size();
    }
    auto r = stats(t_render), l = stats(t_load), c = stats(t_compose), a = stats(t_all);
    std::printf("document: %s (%d pages, %zu bytes)\n", src.c_str(), page_count, bytes);
    std::printf("in-process, %d runs (median / min ms):\n", n);
    std::printf("  load (parse+schema+rules, schemas preloaded) %7.2f / %7.2f\n", l.median, l.min);
    std::printf("  compose                   %7.2f / %7.2f\n", c.median, c.min);
    std::printf("  render                    %7.2f / %7.2f   (%.0f pages/s)\n", r.median, r.min,
                page_count / (r.median / 1000.0));
    std::printf("  load+compose+render       %7.2f / %7.2f   (%.0f pages/s)\n", a.median, a.min,
                page_count / (a.median / 1000.0));
    auto cr = stats(cpu_render), ca = stats(cpu_all);
    std::printf("  CPU time: render %.2f / %.2f, load+compose+render %.2f / %.2f\n", cr.median, cr.min, ca.median,
                ca.min);
    std::printf("  peak RSS of this process  %ld KiB\n", peak_rss_kb(RUSAGE_SELF));

    // The whole `kansli build` process.
    const std::string out = test::temp_dir("bench-build") + "/out.pdf";
    std::vector<double> t_proc;
    const double child0 = children_cpu_ms();
    for (int i = 0; i < n; ++i) {
        auto t0 = Clock::now();
        pid_t pid = ::fork();
        if (pid == 0) {
            int null = ::open("/dev/null", O_WRONLY);
            ::dup2(null, 1);
            ::execl(KANSLI_EXE, KANSLI_EXE, "build", src.c_str(), "-o", out.c_str(), "--date", "2023-02-24T13:00:00Z",
                    static_cast<char*>(nullptr));
            ::_exit(127);
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::fprintf(stderr, "bench_build: kansli build failed (status %d)\n", status);
            return 1;
        }
        t_proc.push_back(ms_since(t0));
    }
    auto p = stats(t_proc);
    std::printf(
        "process `kansli build`, %d runs: wall %.2f ms median, %.2f ms min; CPU %.2f ms mean; peak RSS %ld KiB\n", n,
        p.median, p.min, (children_cpu_ms() - child0) / n, peak_rss_kb(RUSAGE_CHILDREN));
    return 0;
}
