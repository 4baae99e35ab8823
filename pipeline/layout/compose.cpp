#include "layout/compose.hpp"

namespace kansli::layout {

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
    fonts.fill_fonts(ps);
    ps.meta.author = organisation.empty() ? style.organisation : organisation;
    ps.meta.subject = organ;
    ps.meta.language = "sv-SE";
    ps.meta.created = created;
    return ps;
}

}  // namespace kansli::layout
