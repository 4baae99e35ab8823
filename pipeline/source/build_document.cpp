#include "source/build_document.hpp"

#include "source/builder_impl.hpp"

#include <charconv>

namespace kansli::source {

namespace {

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

int to_int(std::string_view s) {
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

/// "YYYY-MM-DD" by form only: a date that does not exist (2023-02-30) is kept for rules/.
std::optional<core::Date> parse_date_form(std::string_view s) {
    s = trim(s);
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
    if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
    return core::Date{to_int(y), to_int(m), to_int(d)};
}

}  // namespace

std::optional<model::ParagraphRanges> parse_ranges(std::string_view text) {
    std::string_view s = trim(text);
    constexpr std::string_view kPara = "\xC2\xA7";  // "§" in UTF-8
    while (s.substr(0, kPara.size()) == kPara) s.remove_prefix(kPara.size());
    model::ParagraphRanges out;
    while (true) {
        auto comma = s.find(',');
        std::string_view part = trim(s.substr(0, comma));
        auto dash = part.find('-');
        std::string_view a = trim(part.substr(0, dash));
        std::string_view z = dash == std::string_view::npos ? a : trim(part.substr(dash + 1));
        if (!all_digits(a) || !all_digits(z) || a.size() > 6 || z.size() > 6) return std::nullopt;
        model::ParagraphRange r{to_int(a), to_int(z)};
        if (r.first > r.last) return std::nullopt;
        out.push_back(r);
        if (comma == std::string_view::npos) break;
        s.remove_prefix(comma + 1);
    }
    return out;
}

namespace detail {

std::optional<core::Date> Builder::date_attr(const xmlNode* n, const char* name) {
    auto v = attr(n, name);
    if (!v) return std::nullopt;
    auto d = parse_date_form(*v);
    if (!d) {
        error(n, "date", std::string(name) + "=\"" + *v + "\" is not a date",
              "write dates as YYYY-MM-DD, e.g. 2023-02-24");
    }
    return d;
}

core::Date Builder::date_text(const xmlNode* n) {
    std::string v = collapsed_text(n);
    auto d = parse_date_form(v);
    if (!d) {
        error(n, "date", "'" + v + "' is not a date", "write dates as YYYY-MM-DD, e.g. 2023-02-24");
        return {};
    }
    return *d;
}

std::optional<int> Builder::time_attr(const xmlNode* n, const char* name) {
    auto v = attr(n, name);
    if (!v) return std::nullopt;
    auto t = core::parse_hhmm(trim(*v));
    if (!t)
        error(n, "time", std::string(name) + "=\"" + *v + "\" is not a time of day",
              "write times as HH:MM, e.g. 13:05");
    return t;
}

std::optional<int> Builder::int_attr(const xmlNode* n, const char* name) {
    auto v = attr(n, name);
    if (!v) return std::nullopt;
    std::string_view s = trim(*v);
    if (!all_digits(s) || s.size() > 6) {
        error(n, "number", std::string(name) + "=\"" + *v + "\" is not a whole number",
              "write e.g. " + std::string(name) + "=\"7\"");
        return std::nullopt;
    }
    return to_int(s);
}

model::ParagraphRanges Builder::ranges_attr(const xmlNode* n, const char* name) {
    auto v = attr(n, name);
    if (!v) return {};
    auto r = parse_ranges(*v);
    if (!r) {
        error(n, "range", std::string(name) + "=\"" + *v + "\" is not a list of §§ ranges",
              "write e.g. paragrafer=\"7-15\", \"9\" or \"1-7, 11\" (first ≤ last)");
        return {};
    }
    return *r;
}

model::Header Builder::header(const xmlNode* huvud) {
    model::Header h;
    h.loc = loc(huvud);
    if (!huvud) return h;
    for (const xmlNode* c : elements(huvud)) {
        const auto name = local_name(c);
        if (name == "organisation")
            h.organisation = collapsed_text(c);
        else if (name == "organ")
            h.organ = collapsed_text(c);
        else if (name == "datum")
            h.date = date_text(c);
        else if (name == "plats")
            h.place = collapsed_text(c);
        else if (name == "tid") {
            h.start_minutes = time_attr(c, "start");
            h.end_minutes = time_attr(c, "slut");
        }
    }
    return h;
}

std::vector<model::Attachment> Builder::attachments(const xmlNode* beslutsunderlag) {
    std::vector<model::Attachment> out;
    for (const xmlNode* c : elements(beslutsunderlag)) {
        if (!is_element(c, "dokument")) continue;
        out.push_back({collapsed_text(c), attr_or(c, "fil"), loc(c)});
    }
    return out;
}

model::Person Builder::person(const xmlNode* n) {
    model::Person p;
    p.id = attr_or(n, "id");
    p.name = attr_or(n, "namn");
    p.party = attr_or(n, "parti");
    p.role = attr_or(n, "roll");
    p.acting_role = attr_or(n, "tjänstgör-som");
    p.represents = attr_or(n, "representerar");
    p.replaces = attr_or(n, "ersätter");
    p.paragraphs = ranges_attr(n, "paragrafer");
    p.loc = loc(n);
    return p;
}

}  // namespace detail

std::optional<model::Document> build_document(const XmlTree& tree, const std::string& path, core::DiagSink& sink) {
    const xmlNode* root = xmlDocGetRootElement(tree.impl().doc.get());
    if (!root) return std::nullopt;
    std::size_t errors_before = 0;
    for (const auto& d : sink.diagnostics()) errors_before += d.severity == core::Severity::Error ? 1 : 0;

    detail::Builder b{tree.impl(), sink, {}};
    model::Document doc;
    doc.path = path;
    auto slash = path.rfind('/');
    doc.base_dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
    const auto name = local_name(root);
    if (name == "protokoll") {
        doc.body = detail::build_protokoll(b, root);
    } else if (name == "kallelse") {
        doc.body = detail::build_kallelse(b, root);
    } else if (name == "avtal") {
        auto avtal = detail::build_avtal(b, root);
        avtal.footnotes = std::move(b.footnotes);
        doc.body = std::move(avtal);
    } else {
        sink.error("root", tree.root_loc(), "unknown document kind <" + std::string(name) + ">",
                   "the root element must be <protokoll>, <kallelse> or <avtal>");
        return std::nullopt;
    }
    std::size_t errors_after = 0;
    for (const auto& d : sink.diagnostics()) errors_after += d.severity == core::Severity::Error ? 1 : 0;
    if (errors_after > errors_before) return std::nullopt;
    return doc;
}

}  // namespace kansli::source
