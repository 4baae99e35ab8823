#include "model/document.hpp"

#include <cstdio>

namespace kansli::model {

std::string plain_text(const Inlines& runs) {
    std::string out;
    for (const auto& r : runs) {
        switch (r.kind) {
            case Inline::Kind::LineBreak: out += '\n'; break;
            case Inline::Kind::FootnoteRef: out += std::to_string(r.footnote_index); break;
            default: out += r.text; break;
        }
    }
    return out;
}

const char* role_name(SignerRole r) { return r == SignerRole::Unknown ? "okänd" : core::role_name(r); }

std::string format_range(const ParagraphRange& r) {
    if (r.first == r.last) return "§" + std::to_string(r.first);
    return "§§" + std::to_string(r.first) + "-" + std::to_string(r.last);
}

std::string format_ranges(const ParagraphRanges& rs) {
    if (rs.size() == 1) return format_range(rs.front());
    std::string out = "§§";
    for (std::size_t i = 0; i < rs.size(); ++i) {
        if (i) out += ", ";
        out += std::to_string(rs[i].first);
        if (rs[i].last != rs[i].first) out += "-" + std::to_string(rs[i].last);
    }
    return out;
}

std::string format_hhmm(int minutes) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
    return buf;
}

}  // namespace kansli::model
