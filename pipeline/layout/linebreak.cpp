// Knuth & Plass, "Breaking Paragraphs into Lines" (1981), as a dynamic program over candidate
// breakpoints. Lines never span a forced break. For ragged modes we follow the paper's
// ragged-right variant: interword spaces are fixed and each line's slack is measured against a
// stretch allowance (ragged_stretch, about 3 em), so badness = 100 (slack / allowance)^3 and
// uneven right edges are penalised smoothly; there are no fitness classes. For Justify, the
// spaces stretch and shrink and the four fitness classes with adj_demerits apply as in TeX.
#include "layout/linebreak.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kansli::layout {

namespace {
constexpr double kInfinity = std::numeric_limits<double>::infinity();
// An overfull line is only taken when nothing else is possible (a glyph wider than the measure).
constexpr double kOverfullDemerits = 1e13;
// TeX's \finalhyphendemerits: a hyphen in the next-to-last line.
constexpr double kFinalHyphenDemerits = 5000;
// A line looser than this many allowances is treated as if it were this loose. There is no
// tolerance that rejects loose lines (a paragraph always gets lines); instead badness keeps
// growing past TeX's inf_bad = 10000, which would make all very loose lines equally bad.
constexpr double kMaxRatio = 20.0;
constexpr int kStates = 8;  // fitness class (4) x previous line hyphenated (2)

struct LineCost {
    double demerits = kInfinity;  // line part only: (l + b)^2 + p^2 and end-of-paragraph terms
    int fitness = 1;
    bool overfull = false;
};

// Demerits that depend on the previous line (state s = fitness * 2 + hyphenated).
double transition(const BreakParams& p, int s, int fitness, const Breakpoint& to, bool is_final) {
    double d = 0;
    const bool prev_hyph = (s & 1) != 0;
    if (prev_hyph && to.hyphen) d += p.double_hyphen_demerits;
    if (prev_hyph && is_final) d += kFinalHyphenDemerits;
    if (p.align == Alignment::Justify && std::abs(fitness - s / 2) > 1) d += p.adj_demerits;
    return d;
}

core::Length measure_for(const Breakpoint* from, const BreakParams& p) {
    return from == nullptr ? p.first_width : p.width;
}

LineCost line_cost(const AtomWidths& w, const Breakpoint* from, const Breakpoint& to, const BreakParams& p,
                   bool is_final) {
    LineCost c;
    const core::Length natural = line_width(w, from, to);
    const core::Length measure = measure_for(from, p);
    const std::uint32_t start = from == nullptr ? 0 : from->next;
    const double slack = static_cast<double>(measure) - natural;
    double badness = 0;
    if (p.align == Alignment::Justify) {
        const double stretch = w.stretch[to.end] - w.stretch[start];
        const double shrink = w.shrink[to.end] - w.shrink[start];
        double r = 0;
        if (slack < 0) {
            if (-slack > shrink) {
                c.overfull = true;
                return c;
            }
            r = slack / shrink;
        } else if (!to.forced) {
            r = stretch > 0 ? slack / stretch : (slack > 0 ? 100.0 : 0.0);
        }
        const double a = std::min(kMaxRatio, std::fabs(r));
        badness = 100.0 * a * a * a;
        c.fitness = r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1.0 ? 2 : 3;
    } else {
        if (slack < 0) {
            c.overfull = true;
            return c;
        }
        if (!to.forced) {
            const double r = std::min(kMaxRatio, slack / std::max<double>(1.0, p.ragged_stretch));
            badness = 100.0 * r * r * r;
        }
    }
    double d = (p.line_penalty + badness) * (p.line_penalty + badness);
    if (!to.forced) {
        const double pen = to.penalty;
        d += pen >= 0 ? pen * pen : -pen * pen;
    }
    if (is_final && from != nullptr && natural * 100.0 < static_cast<double>(measure) * p.short_last_fraction) {
        d += p.short_last_demerits;
    }
    c.demerits = d;
    return c;
}
}  // namespace

core::Length line_width(const AtomWidths& w, const Breakpoint* from, const Breakpoint& to) {
    const std::uint32_t start = from == nullptr ? 0 : from->next;
    if (to.end <= start) return to.extra;
    return w.width[to.end] - w.width[start] - w.kern_after[to.end - 1] + to.extra;
}

BreakResult break_optimal(const AtomWidths& w, const std::vector<Breakpoint>& points, const BreakParams& p) {
    BreakResult result;
    const std::size_t m = points.size();
    if (m == 0) return result;
    const bool justify = p.align == Alignment::Justify;
    std::vector<double> best(m * kStates, kInfinity);
    std::vector<std::int32_t> prev(m * kStates, -1);  // state index of the previous break; -1 = start
    // A first line wider than the others (negative indent) may fit where a shorter line starting
    // later is already overfull: then the paragraph start is still tried, unless a forced break
    // lies between.
    const bool wide_first = p.first_width > p.width;
    std::size_t first_forced = m;
    for (std::size_t k = 0; k < m && first_forced == m; ++k) first_forced = points[k].forced ? k : m;

    for (std::size_t j = 0; j < m; ++j) {
        const Breakpoint& to = points[j];
        const bool is_final = j + 1 == m;
        for (std::int64_t i = static_cast<std::int64_t>(j) - 1; i >= -1; --i) {
            const Breakpoint* from = i < 0 ? nullptr : &points[static_cast<std::size_t>(i)];
            LineCost c = line_cost(w, from, to, p, is_final);
            const bool try_start = c.overfull && from != nullptr && wide_first && j <= first_forced;
            if (c.overfull) {
                // The shortest line ending here is overfull: take it as a last resort so that every
                // break stays reachable; any longer line is worse.
                if (i + 1 != static_cast<std::int64_t>(j)) {
                    if (!try_start) break;
                    i = 0;  // next: the paragraph start
                    continue;
                }
                c.demerits = kOverfullDemerits + static_cast<double>(line_width(w, from, to));
                c.fitness = 1;
            }
            const int fitness = justify ? c.fitness : 1;
            const int hyph = to.hyphen ? 1 : 0;
            double& slot = best[j * kStates + static_cast<std::size_t>(fitness * 2 + hyph)];
            std::int32_t& back = prev[j * kStates + static_cast<std::size_t>(fitness * 2 + hyph)];
            if (from == nullptr) {
                const double d = c.demerits;
                if (d < slot) {
                    slot = d;
                    back = -1;
                }
            } else {
                for (int s = justify ? 0 : 2; s < (justify ? kStates : 4); ++s) {  // ragged: fitness 1 only
                    const std::size_t state = static_cast<std::size_t>(i) * kStates + static_cast<std::size_t>(s);
                    if (best[state] == kInfinity) continue;
                    const double d = best[state] + c.demerits + transition(p, s, fitness, to, is_final);
                    if (d < slot) {
                        slot = d;
                        back = static_cast<std::int32_t>(state);
                    }
                }
            }
            if (try_start) {
                i = 0;
                continue;
            }
            if (c.overfull || (from != nullptr && from->forced)) break;
        }
    }
    std::size_t end_state = (m - 1) * kStates;
    for (std::size_t s = 0; s < kStates; ++s) {
        if (best[(m - 1) * kStates + s] < best[end_state]) end_state = (m - 1) * kStates + s;
    }
    result.demerits = best[end_state];
    for (std::int32_t s = static_cast<std::int32_t>(end_state); s >= 0; s = prev[static_cast<std::size_t>(s)]) {
        result.breaks.push_back(static_cast<std::uint32_t>(s / kStates));
    }
    std::reverse(result.breaks.begin(), result.breaks.end());
    return result;
}

BreakResult break_greedy(const AtomWidths& w, const std::vector<Breakpoint>& points, const BreakParams& p) {
    BreakResult result;
    const Breakpoint* from = nullptr;
    std::int64_t last_fit = -1;
    for (std::size_t j = 0; j < points.size(); ++j) {
        const Breakpoint& to = points[j];
        const bool fits = line_width(w, from, to) <= measure_for(from, p) || to.end <= (from ? from->next : 0);
        if (!fits && last_fit >= 0) {
            result.breaks.push_back(static_cast<std::uint32_t>(last_fit));
            from = &points[static_cast<std::size_t>(last_fit)];
            last_fit = -1;
            --j;  // reconsider this point from the new line start
            continue;
        }
        if (!fits || to.forced) {  // overfull with no earlier choice, or a mandatory break
            result.breaks.push_back(static_cast<std::uint32_t>(j));
            from = &points[j];
            last_fit = -1;
            continue;
        }
        if (!to.emergency)
            last_fit = static_cast<std::int64_t>(j);
        else if (last_fit < 0)
            last_fit = static_cast<std::int64_t>(j);
    }
    result.demerits = demerits_of(w, points, p, result.breaks);
    return result;
}

double demerits_of(const AtomWidths& w, const std::vector<Breakpoint>& points, const BreakParams& p,
                   const std::vector<std::uint32_t>& breaks) {
    double total = 0;
    const Breakpoint* from = nullptr;
    int state = 1 * 2;  // the paragraph start: decent, not hyphenated
    for (const std::uint32_t b : breaks) {
        const Breakpoint& to = points.at(b);
        const bool is_final = b + 1 == points.size();
        LineCost c = line_cost(w, from, to, p, is_final);
        if (c.overfull) {
            c.demerits = kOverfullDemerits + static_cast<double>(line_width(w, from, to));
            c.fitness = 1;
        }
        const int fitness = p.align == Alignment::Justify ? c.fitness : 1;
        total += c.demerits + (from == nullptr ? 0 : transition(p, state, fitness, to, is_final));
        state = fitness * 2 + (to.hyphen ? 1 : 0);
        from = &to;
    }
    return total;
}

double sum_squared_slack(const AtomWidths& w, const std::vector<Breakpoint>& points, const BreakParams& p,
                         const BreakResult& r) {
    double sum = 0;
    const Breakpoint* from = nullptr;
    for (const std::uint32_t b : r.breaks) {
        const Breakpoint& to = points[b];
        if (!to.forced) {
            const double slack = core::to_pt(measure_for(from, p) - line_width(w, from, to));
            sum += slack * slack;
        }
        from = &to;
    }
    return sum;
}

}  // namespace kansli::layout
