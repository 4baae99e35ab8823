#include "layout/compose.hpp"

#include "core/files.hpp"
#include "core/utf8.hpp"

#include <cstdio>
#include <set>

namespace kansli::layout {

namespace {

/// Where `text` first occurs in the source file (line:col, 1-based, columns in bytes as
/// libxml2 counts them); the file alone when it cannot be found (e.g. written with entities).
core::SourceLoc find_in_source(const std::string& path, const std::string& text) {
    core::SourceLoc loc{path, 0, 0};
    std::string src;
    try {
        const core::Bytes b = core::read_file(path);
        src.assign(b.begin(), b.end());
    } catch (const core::Error&) {
        return loc;
    }
    const auto at = src.find(text);
    if (at == std::string::npos) return loc;
    loc.line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < at; ++i) {
        if (src[i] == '\n') {
            ++loc.line;
            line_start = i + 1;
        }
    }
    loc.col = static_cast<int>(at - line_start) + 1;
    return loc;
}

/// The safety net behind every fixed one-line slot (signature lines, the ANSLAG box, party and
/// signature blocks, the running header): a text run that would leave the page (closer than
/// 5 mm to its edge) is an error located at that text in the source, never drawn clipped.
/// Flowing text never trips it: the line breaker breaks overlong words at any character.
void check_on_page(const PageSet& ps, const std::string& source, core::DiagSink* diags) {
    const Length edge = core::mm(5);
    std::set<std::u32string> reported;
    for (std::size_t i = 0; i < ps.pages.size(); ++i) {
        const Page& page = ps.pages[i];
        for (const auto& op : page.ops) {
            const auto* run = std::get_if<TextRun>(&op);
            if (run == nullptr || (run->x >= edge && run->x + run->width <= page.width - edge)) continue;
            if (!reported.insert(run->text).second) continue;
            std::string head = core::to_utf8(run->text.substr(0, 24));
            const core::SourceLoc loc = find_in_source(source, core::to_utf8(run->text.substr(0, 12)));
            char over[96];
            std::snprintf(over, sizeof over, "it would reach %.0f mm past the edge of page %zu",
                          core::to_pt(std::max(edge - run->x, run->x + run->width - (page.width - edge))) * 25.4 / 72.0,
                          i + 1);
            const std::string msg =
                "the text \"" + head + (run->text.size() > 24 ? "…" : "") + "\" does not fit on its line: " + over;
            const std::string hint =
                "shorten it: this line (a signature line, the ANSLAG box, a party or page "
                "heading) cannot wrap";
            if (diags == nullptr) throw core::Error(core::ExitCode::Invalid, "layout", loc, msg, hint);
            diags->error("layout", loc, msg, hint);
        }
    }
}

}  // namespace

std::string name_with_party(const std::string& name, const std::string& party) {
    return party.empty() ? name : name + " (" + party + ")";
}

std::string upper_sv(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 'a' && c <= 'z') {
            out += static_cast<char>(c - 32);
        } else if (c == 0xc3 && i + 1 < s.size()) {
            // å ä ö é ü (U+00E5 E4 F6 E9 FC) → Å Ä Ö É Ü: second byte minus 0x20.
            const auto d = static_cast<unsigned char>(s[i + 1]);
            out += static_cast<char>(c);
            out += static_cast<char>(d >= 0xa0 && d <= 0xbe && d != 0xb7 ? d - 0x20 : d);
            ++i;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

PageSet compose(const model::Document& doc, const Style& style, const FontSet& fonts, Hyphenator* hyphenator,
                core::Instant created, core::DiagSink* diags) {
    const ComposeContext cx{style, fonts, hyphenator, diags, doc.base_dir};
    PageSet ps;
    std::string organ;
    std::string organisation;
    if (const auto* p = std::get_if<model::Protokoll>(&doc.body)) {
        ps = compose_protokoll(*p, cx);
        organ = p->header.organ;
        organisation = p->header.organisation;
        ps.meta.title = style.label("meta_protokoll") + " " + organ + " " + core::format_date(p->header.date);
    } else if (const auto* k = std::get_if<model::Kallelse>(&doc.body)) {
        ps = compose_kallelse(*k, cx);
        organ = k->header.organ;
        organisation = k->header.organisation;
        ps.meta.title = style.label("meta_kallelse") + " " + organ + " " + core::format_date(k->header.date);
    } else if (const auto* a = std::get_if<model::Avtal>(&doc.body)) {
        ps = compose_avtal(*a, cx);
        organ = a->header.organ;
        organisation = a->header.organisation;
        ps.meta.title = a->title;
    } else {
        throw core::Error(core::ExitCode::Invalid, "layout", core::SourceLoc{doc.path, 0, 0}, "unknown document kind");
    }
    check_on_page(ps, doc.path, diags);
    fonts.fill_fonts(ps);
    ps.meta.author = organisation.empty() ? style.organisation : organisation;
    ps.meta.subject = organ;
    ps.meta.language = "sv-SE";
    ps.meta.created = created;
    return ps;
}

}  // namespace kansli::layout
