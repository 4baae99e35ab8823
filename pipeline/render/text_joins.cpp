#include "render/text_joins.hpp"

#include <cstdlib>

namespace kansli::render {

namespace {

using layout::TextRun;

struct At {
    std::size_t page = 0, op = 0;
    const TextRun* run = nullptr;
};

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == 0xa0; }

/// True when `a` is `b` or one of its ancestors (a Link inside its P).
bool encloses(const std::vector<layout::StructNode>& nodes, int a, int b) {
    for (std::size_t steps = 0; b >= 0 && steps <= nodes.size(); ++steps) {
        if (a == b) return true;
        b = static_cast<std::size_t>(b) < nodes.size() ? nodes[static_cast<std::size_t>(b)].parent : -1;
    }
    return false;
}

/// `next` is drawn right after `run` on the same baseline: one stretch of text, nothing to add.
bool continues(const TextRun& run, const TextRun& next) {
    constexpr core::Length kSlack = 10;  // 0.01 pt: rounding of kerned widths
    return next.y == run.y && std::abs(next.x - (run.x + run.width)) <= kSlack;
}

void join(const std::vector<layout::StructNode>& nodes, const At& at, const At& next, RunJoin& j, RunJoin& jn) {
    const TextRun& r = *at.run;
    const TextRun& n = *next.run;
    if (r.hyphen_added && r.element == n.element && !r.text.empty()) {
        std::size_t start = r.text.size() - 1;  // the inserted hyphen
        while (start > 0 && !is_space(r.text[start - 1])) --start;
        std::size_t head = 0;
        while (head < n.text.size() && !is_space(n.text[head])) ++head;
        j.tail = r.text.size() - start;
        j.word = r.text.substr(start, j.tail - 1) + n.text.substr(0, head);
        jn.head = head;
        return;
    }
    if (continues(r, n) || is_space(r.text.back()) || is_space(n.text.front())) return;
    if (r.hyphen_added || r.joins_next) return;  // a word or a hyphenated compound goes on
    if (encloses(nodes, r.element, n.element) || encloses(nodes, n.element, r.element)) j.space_after = true;
}

}  // namespace

std::vector<std::vector<RunJoin>> text_joins(const layout::PageSet& ps) {
    std::vector<std::vector<RunJoin>> joins(ps.pages.size());
    At prev;
    for (std::size_t p = 0; p < ps.pages.size(); ++p) {
        const auto& ops = ps.pages[p].ops;
        joins[p].resize(ops.size());
        for (std::size_t i = 0; i < ops.size(); ++i) {
            const auto* t = std::get_if<TextRun>(&ops[i]);
            if (t == nullptr || t->element < 0 || t->text.empty()) continue;
            const At at{p, i, t};
            if (prev.run != nullptr) join(ps.structure, prev, at, joins[prev.page][prev.op], joins[p][i]);
            prev = at;
        }
    }
    return joins;
}

}  // namespace kansli::render
