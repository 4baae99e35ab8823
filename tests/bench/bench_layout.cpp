// Benchmark (not a test): composes the example protokoll N times in-process and prints the time
// per layout and pages per second, for the first (as in one `kansli build` process: it parses
// the faces it uses and, if a paragraph can use a hyphen, the hyphenation dictionary, since both
// load lazily) and the following runs. Loading style and fonts is timed separately.
// With a third argument, writes the full dump of every page there (to check that a speed change
// leaves the layout identical: compare the dumps before and after).
// Usage: bench_layout [N] [source.xml] [dump.txt]
#include "core/files.hpp"
#include "layout/compose.hpp"
#include "layout/dump.hpp"
#include "source/build_document.hpp"
#include "source/xml_tree.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <string>

using namespace kansli;

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
    const std::string root = KANSLI_SOURCE_DIR;
    const std::string path = argc > 2 ? argv[2] : root + "/templates/examples/protokoll-2023-02-24.xml";
    using Clock = std::chrono::steady_clock;
    const auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };

    const core::Bytes bytes = core::read_file(path);
    core::DiagSink sink;
    auto tree =
        source::parse_xml(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), path, sink);
    if (!tree) return 1;
    auto doc = source::build_document(*tree, path, sink);
    if (!doc) return 1;

    const auto t0 = Clock::now();
    const layout::Style style = layout::load_style(root + "/templates/style/region-jh.conf");
    const layout::FontSet fonts = layout::FontSet::load(layout::font_paths(style));
    layout::Hyphenator hyphenator;
    const auto t1 = Clock::now();
    const layout::PageSet first = layout::compose(*doc, style, fonts, &hyphenator, core::Instant{0});
    const auto t2 = Clock::now();
    std::size_t pages = 0;
    for (int i = 0; i < n; ++i)
        pages += layout::compose(*doc, style, fonts, &hyphenator, core::Instant{0}).pages.size();
    const auto t3 = Clock::now();
    const double warm = ms(t3 - t2) / n;
    std::printf("%s: %zu pages\n", path.c_str(), first.pages.size());
    if (argc > 3) {
        std::vector<int> all(first.pages.size());
        std::iota(all.begin(), all.end(), 0);
        std::ofstream(argv[3], std::ios::binary) << layout::dump(first, all);
    }
    std::printf("load style+fonts+hyphenation: %.2f ms\n", ms(t1 - t0));
    std::printf("first compose (cold cache):   %.2f ms (hyphenation dictionary %s)\n", ms(t2 - t1),
                hyphenator.loaded() ? "parsed" : "never needed");
    std::printf("compose x%d: %.3f ms each, %.0f pages/s\n", n, warm,
                static_cast<double>(pages) / (ms(t3 - t2) / 1000.0));
    return 0;
}
