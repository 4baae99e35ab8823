// Benchmark (not a test): breaks every paragraph of the seed protocol text N times with the
// house measure (160 mm, 10 pt Liberation Sans, ragged right, Swedish hyphenation), prints µs per
// paragraph and ms per protocol, then compares first fit with total fit.
// Usage: bench_linebreak [N] [seed text file]
#include "layout/text.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

using namespace kansli;
using namespace kansli::layout;

namespace {
std::vector<std::u32string> paragraphs(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::u32string> out;
    std::string line, para;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r\f") == std::string::npos) {
            if (!para.empty()) out.push_back(to_u32(para));
            para.clear();
        } else {
            para += (para.empty() ? "" : " ") + line;
        }
    }
    if (!para.empty()) out.push_back(to_u32(para));
    return out;
}

struct Quality {
    double squared_slack = 0;  // pt^2 over lines that do not end a paragraph
    int lines = 0, hyphens = 0, short_last = 0;
};

Quality quality(const std::vector<std::u32string>& paras, const FontSet& fonts, Hyphenator* h, bool optimal,
                core::Length width) {
    Quality q;
    ParagraphStyle st;
    st.width = width;
    st.optimal = optimal;
    for (const auto& p : paras) {
        const auto lines = typeset_paragraph({Span{p}}, st, fonts, h);
        q.lines += static_cast<int>(lines.size());
        for (std::size_t i = 0; i < lines.size(); ++i) {
            q.hyphens += lines[i].hyphenated ? 1 : 0;
            if (i + 1 < lines.size()) {
                const double s = core::to_pt(width - lines[i].width);
                q.squared_slack += s * s;
            } else if (lines.size() > 1 && lines[i].width * 10 < width) {
                ++q.short_last;
            }
        }
    }
    return q;
}
}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::stoi(argv[1]) : 200;
    const std::string file = argc > 2 ? argv[2] : "/work/shared/seeds/protokoll-svom-2023-02-24.txt";
    const auto paras = paragraphs(file);
    const FontSet fonts = FontSet::load();
    Hyphenator hyph;
    const core::Length width = core::mm(160);
    ParagraphStyle st;
    st.width = width;
    std::size_t sink = 0;
    for (const bool optimal : {true, false}) {
        st.optimal = optimal;
        for (const auto& p : paras) sink += typeset_paragraph({Span{p}}, st, fonts, &hyph).size();  // warm the cache
        const auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < n; ++i) {
            for (const auto& p : paras) sink += typeset_paragraph({Span{p}}, st, fonts, &hyph).size();
        }
        const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
        std::printf("%-9s %zu paragraphs x %d: %.2f us/paragraph, %.3f ms per protocol\n",
                    optimal ? "total-fit" : "greedy", paras.size(), n, us / (double(n) * double(paras.size())),
                    us / n / 1000.0);
    }
    for (const bool hyphenate : {true, false}) {
        for (const bool optimal : {true, false}) {
            const Quality q = quality(paras, fonts, hyphenate ? &hyph : nullptr, optimal, width);
            std::printf(
                "%-9s hyphenation %-3s: lines %d, hyphenated %d, sum squared slack %.0f pt^2, "
                "last lines < 10%% %d\n",
                optimal ? "total-fit" : "greedy", hyphenate ? "on" : "off", q.lines, q.hyphens, q.squared_slack,
                q.short_last);
        }
    }
    return sink == 0 ? 1 : 0;
}
