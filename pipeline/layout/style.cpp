#include "layout/style.hpp"

#include "core/diagnostic.hpp"
#include "core/file_stamp.hpp"
#include "core/files.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <utility>

#include <sys/stat.h>

namespace kansli::layout {
namespace {

constexpr std::array<std::string_view, 71> kLabelKeys = {
    "protokoll",
    "kallelse",
    "motesdatum",
    "justerandes_sign",
    "utdragsbestyrkande",
    "plats_och_tid",
    "beslutande",
    "ersattare",
    "ovriga",
    "utses_att_justera",
    "justeringens_plats_och_tid",
    "omfattar",
    "underskrifter",
    "sekreterare",
    "ordforande",
    "justerande",
    "ersatter",
    "kl",
    "anslag",
    "anslag_text",
    "organ",
    "sammantradesdatum",
    "anslag_uppsatt",
    "anslag_nedtaget",
    "forvaringsplats",
    "signerat_med",
    "arendelista",
    "diarienummer",
    "sammanfattning",
    "forslag_till_beslut",
    "yrkande",
    "yrkanden",
    "proposition",
    "votering",
    "votering_ja",
    "votering_nej",
    "votering_avstar",
    "beslut",
    "reservation",
    "reservation_text",
    "jav",
    "jav_text",
    "beslutsunderlag",
    "expedieras_till",
    "paragraf_justerad",
    "paragraf_omedelbart_justerad",
    "protokollsutdrag",
    "utdrag_omfattar",
    "utdrag_justerat_av",
    "omedelbart_justerat_av",
    "utdrag_intyg",
    "omedelbar_intyg",
    "omedelbart_justerade",
    "omedelbart_justerade_i",
    "foredragande",
    "arendebeskrivning",
    "datum",
    "tid",
    "plats",
    "version",
    "parter",
    "historik",
    "giltighet",
    "giltig_fran",
    "giltig_till",
    "ort_och_datum",
    "namnfortydligande",
    "sida",
    "meta_protokoll",
    "meta_kallelse",
    "organisationsnummer",
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

struct Entry {
    std::string value;
    int line = 0;
    bool used = false;
};

/// Collects "section.key" entries, then hands out typed values and reports problems.
class Reader final {
public:
    Reader(std::string file, std::string base_dir) : m_file(std::move(file)), m_base(std::move(base_dir)) {}

    void parse(std::string_view text) {
        std::string section;
        int line_no = 0;
        while (!text.empty()) {
            ++line_no;
            const auto nl = text.find('\n');
            std::string_view line = trim(text.substr(0, nl));
            text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
            if (line.empty() || line.front() == '#') continue;
            if (line.front() == '[') {
                if (line.back() != ']' || line.size() < 3) {
                    error(line_no, "malformed section header", "write it as [name]");
                    continue;
                }
                section = std::string(trim(line.substr(1, line.size() - 2)));
                continue;
            }
            const auto eq = line.find('=');
            if (eq == std::string_view::npos) {
                error(line_no, "expected 'key = value'", "comments start with '#' at the beginning of a line");
                continue;
            }
            if (section.empty()) {
                error(line_no, "key outside any [section]");
                continue;
            }
            const std::string key = section + "." + std::string(trim(line.substr(0, eq)));
            auto [it, fresh] = m_entries.try_emplace(key, Entry{std::string(trim(line.substr(eq + 1))), line_no});
            if (!fresh)
                error(line_no, "key '" + key + "' repeated (first at line " + std::to_string(it->second.line) + ")");
        }
    }

    const Entry* take(const std::string& key) {
        const auto it = m_entries.find(key);
        if (it == m_entries.end()) {
            error(0, "missing key '" + key + "'", "every key of templates/style/region-jh.conf is required");
            return nullptr;
        }
        it->second.used = true;
        return &it->second;
    }

    std::string string(const std::string& key, bool allow_empty = false) {
        const Entry* e = take(key);
        if (!e) return {};
        if (e->value.empty() && !allow_empty) error(e->line, "'" + key + "' is empty");
        return e->value;
    }

    std::string path(const std::string& key, bool allow_empty = false) { return path_of(string(key, allow_empty)); }

    [[nodiscard]] std::string path_of(const std::string& v) const {
        if (v.empty() || v.front() == '/') return v;
        return m_base.empty() ? v : m_base + "/" + v;
    }

    /// A font: a path (with a '/': absolute or relative to the style's folder, as path()), or a
    /// bare file name, taken from the style's folder when it is there, else found on the font
    /// search path (find_font).
    std::string font(const std::string& key) {
        const std::string v = string(key);
        if (v.empty() || v.find('/') != std::string::npos) return path_of(v);
        if (!m_base.empty()) {
            const std::string local = m_base + "/" + v;
            struct stat st {};
            if (::stat(local.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return local;
        }
        return find_font(v);
    }

    /// An optional key whose value is one of `choices` (index returned); `fallback` when absent.
    int choice(const std::string& key, std::initializer_list<std::string_view> choices, int fallback) {
        const auto it = m_entries.find(key);
        if (it == m_entries.end()) return fallback;
        it->second.used = true;
        int i = 0;
        std::string all;
        for (const auto c : choices) {
            if (it->second.value == c) return i;
            all += (all.empty() ? "" : ", ") + std::string(c);
            ++i;
        }
        error(it->second.line, "'" + key + "': '" + it->second.value + "' is not one of " + all);
        return fallback;
    }

    Length length(const std::string& key) {
        const Entry* e = take(key);
        if (!e) return 0;
        const std::string_view v = e->value;
        double number = 0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), number);
        const std::string_view unit = trim(std::string_view(end, static_cast<std::size_t>(v.data() + v.size() - end)));
        if (ec != std::errc{} || number < 0 || number > 10000 || (unit != "mm" && unit != "pt")) {
            error(e->line, "'" + key + "': bad length '" + e->value + "'",
                  "write a number and a unit, e.g. 20mm or 10.5pt");
            return 0;
        }
        return unit == "mm" ? core::mm(number) : core::pt(number);
    }

    Color colour(const std::string& key) {
        const Entry* e = take(key);
        if (!e) return {};
        const std::string& v = e->value;
        unsigned int rgb = 0;
        bool ok = v.size() == 7 && v[0] == '#';
        if (ok) {
            const auto [end, ec] = std::from_chars(v.data() + 1, v.data() + 7, rgb, 16);
            ok = ec == std::errc{} && end == v.data() + 7;
        }
        if (!ok) {
            error(e->line, "'" + key + "': bad colour '" + v + "'", "write #rrggbb, e.g. #1a4f99");
            return {};
        }
        return Color{static_cast<std::uint8_t>(rgb >> 16), static_cast<std::uint8_t>((rgb >> 8) & 0xff),
                     static_cast<std::uint8_t>(rgb & 0xff)};
    }

    /// Labels: every required key, and nothing else under [labels].
    std::map<std::string, std::string, std::less<>> labels() {
        std::map<std::string, std::string, std::less<>> out;
        for (const auto key : kLabelKeys) out.emplace(std::string(key), string("labels." + std::string(key)));
        return out;
    }

    void finish() {
        for (const auto& [key, e] : m_entries)
            if (!e.used)
                error(e.line, "unknown key '" + key + "'", "check the spelling against templates/style/region-jh.conf");
        if (!m_diags.empty()) throw core::Error(core::ExitCode::Invalid, std::move(m_diags));
    }

private:
    void error(int line, std::string message, std::string hint = {}) {
        m_diags.push_back(core::Diagnostic{core::Severity::Error, "style", core::SourceLoc{m_file, line, 0},
                                           std::move(message), std::move(hint)});
    }

    std::string m_file, m_base;
    std::map<std::string, Entry> m_entries;
    std::vector<core::Diagnostic> m_diags;
};

/// [protokoll], [avtal] and [kallelse]: every key a length.
void read_geometry(Reader& r, ProtokollGeometry& pr, AvtalGeometry& av, KallelseGeometry& ka) {
    for (auto [key, field] : std::initializer_list<std::pair<const char*, Length*>>{
             {"row_gap", &pr.row_gap},
             {"arendelista_number_column", &pr.arendelista_number_column},
             {"vote_names_column", &pr.vote_names_column},
             {"signature_heading_drop", &pr.signature_heading_drop},
             {"signature_first_line", &pr.signature_first_line},
             {"signature_pitch", &pr.signature_pitch},
             {"signature_line_offset", &pr.signature_line_offset},
             {"signature_line_weight", &pr.signature_line_weight},
             {"signature_slot_height", &pr.signature_slot_height},
             {"signature_text", &pr.signature_text},
             {"signature_text_drop", &pr.signature_text_drop},
             {"anslag_gap", &pr.anslag_gap},
             {"anslag_line_drop", &pr.anslag_line_drop},
             {"anslag_outset", &pr.anslag_outset},
             {"anslag_padding", &pr.anslag_padding},
             {"anslag_weight", &pr.anslag_weight},
             {"anslag_title_gap", &pr.anslag_title_gap},
             {"anslag_row", &pr.anslag_row},
             {"anslag_value_column", &pr.anslag_value_column},
             {"anslag_rule_drop", &pr.anslag_rule_drop},
             {"anslag_rule_weight", &pr.anslag_rule_weight},
             {"anslag_footer_gap", &pr.anslag_footer_gap}})
        *field = r.length(std::string("protokoll.") + key);
    for (auto [key, field] :
         std::initializer_list<std::pair<const char*, Length*>>{{"value_column", &av.value_column},
                                                                {"validity_gap", &av.validity_gap},
                                                                {"subsection_title", &av.subsection_title},
                                                                {"signature_block_height", &av.signature_block_height},
                                                                {"signature_column_gap", &av.signature_column_gap},
                                                                {"signature_party_drop", &av.signature_party_drop},
                                                                {"signature_place_line", &av.signature_place_line},
                                                                {"signature_line", &av.signature_line},
                                                                {"signature_line_weight", &av.signature_line_weight},
                                                                {"signature_slot_height", &av.signature_slot_height},
                                                                {"signature_caption_drop", &av.signature_caption_drop},
                                                                {"signature_name_drop", &av.signature_name_drop},
                                                                {"signature_title_drop", &av.signature_title_drop}})
        *field = r.length(std::string("avtal.") + key);
    for (auto [key, field] :
         std::initializer_list<std::pair<const char*, Length*>>{{"value_column", &ka.value_column},
                                                                {"row_gap", &ka.row_gap},
                                                                {"number_column", &ka.number_column},
                                                                {"number_gap", &ka.number_gap},
                                                                {"time_gap", &ka.time_gap},
                                                                {"item_label", &ka.item_label},
                                                                {"group_heading", &ka.group_heading}})
        *field = r.length(std::string("kallelse.") + key);
}

}  // namespace

std::span<const std::string_view> required_label_keys() { return kLabelKeys; }

const std::string& Style::label(std::string_view key) const {
    const auto it = labels.find(key);
    if (it == labels.end())
        throw core::Error(core::ExitCode::Usage, "style", core::SourceLoc{file, 0, 0},
                          "style has no label '" + std::string(key) + "'");
    return it->second;
}

std::string Style::label(std::string_view key, const std::vector<std::pair<std::string, std::string>>& vars) const {
    std::string out = label(key);
    for (const auto& [name, value] : vars) {
        const std::string token = "{" + name + "}";
        for (auto pos = out.find(token); pos != std::string::npos; pos = out.find(token, pos + value.size()))
            out.replace(pos, token.size(), value);
    }
    return out;
}

Style parse_style(std::string_view text, const std::string& file, const std::string& base_dir) {
    Reader r(file, base_dir);
    r.parse(text);
    Style s;
    s.file = file;
    s.organisation = r.string("organisation.name");
    s.logo = r.path("organisation.logo", true);
    auto& p = s.page;
    p.width = r.length("page.width");
    p.height = r.length("page.height");
    p.margin_left = r.length("page.margin_left");
    p.margin_right = r.length("page.margin_right");
    p.margin_top = r.length("page.margin_top");
    p.margin_bottom = r.length("page.margin_bottom");
    p.header_height = r.length("page.header_height");
    p.header_gap = r.length("page.header_gap");
    p.footer_box_width = r.length("page.footer_box_width");
    p.footer_box_height = r.length("page.footer_box_height");
    p.footer_box_gap = r.length("page.footer_box_gap");
    p.footer_gap = r.length("page.footer_gap");
    p.footnote_rule_width = r.length("page.footnote_rule_width");
    p.footnote_rule_gap = r.length("page.footnote_rule_gap");
    s.fonts.regular = r.font("fonts.regular");
    s.fonts.bold = r.font("fonts.bold");
    s.fonts.italic = r.font("fonts.italic");
    s.fonts.bold_italic = r.font("fonts.bold_italic");
    s.fonts.fallback = r.font("fonts.fallback");
    s.fonts.fallback_bold = r.font("fonts.fallback_bold");
    auto& z = s.sizes;
    for (auto [key, field] :
         std::initializer_list<std::pair<const char*, Length*>>{{"body", &z.body},
                                                                {"leading", &z.leading},
                                                                {"small", &z.small},
                                                                {"tiny", &z.tiny},
                                                                {"header_organisation", &z.header_organisation},
                                                                {"header_organ", &z.header_organ},
                                                                {"header_kind", &z.header_kind},
                                                                {"header_date", &z.header_date},
                                                                {"heading_number", &z.heading_number},
                                                                {"heading_title", &z.heading_title},
                                                                {"section_label", &z.section_label},
                                                                {"footnote", &z.footnote},
                                                                {"footnote_leading", &z.footnote_leading},
                                                                {"page_number", &z.page_number},
                                                                {"anslag_title", &z.anslag_title},
                                                                {"anslag_text", &z.anslag_text},
                                                                {"title", &z.title},
                                                                {"subtitle", &z.subtitle},
                                                                {"note", &z.note}})
        *field = r.length(std::string("sizes.") + key);
    auto& g = s.spacing;
    for (auto [key, field] :
         std::initializer_list<std::pair<const char*, Length*>>{{"paragraph_gap", &g.paragraph_gap},
                                                                {"section_gap", &g.section_gap},
                                                                {"heading_gap", &g.heading_gap},
                                                                {"label_column", &g.label_column},
                                                                {"list_indent", &g.list_indent},
                                                                {"list_label_gap", &g.list_label_gap},
                                                                {"table_cell_padding", &g.table_cell_padding},
                                                                {"signature_line_width", &g.signature_line_width},
                                                                {"signature_gap", &g.signature_gap}})
        *field = r.length(std::string("spacing.") + key);
    read_geometry(r, s.protokoll, s.avtal, s.kallelse);
    auto& c = s.colours;
    for (auto [key, field] :
         std::initializer_list<std::pair<const char*, Color*>>{{"text", &c.text},
                                                               {"muted", &c.muted},
                                                               {"rule", &c.rule},
                                                               {"box", &c.box},
                                                               {"signature_line", &c.signature_line},
                                                               {"table_header_fill", &c.table_header_fill},
                                                               {"table_rule", &c.table_rule},
                                                               {"link", &c.link}})
        *field = r.colour(std::string("colours.") + key);
    s.labels = r.labels();
    s.subheading_face = static_cast<FaceStyle>(
        r.choice("fonts.underrubrik", {"regular", "bold", "italic", "bold italic"}, static_cast<int>(FaceStyle::Bold)));
    s.arendelista_groups = r.choice("protokoll.arendelista_groups", {"no", "yes"}, 0) == 1;
    r.finish();
    if (p.width <= p.margin_left + p.margin_right + core::mm(20) ||
        p.height <= p.margin_top + p.margin_bottom + p.header_height + p.header_gap + core::mm(40))
        throw core::Error(core::ExitCode::Invalid, "style", core::SourceLoc{file, 0, 0},
                          "page margins leave no room for text", "check [page] width, height and margins");
    if (s.sizes.body <= 0 || s.sizes.leading < s.sizes.body)
        throw core::Error(core::ExitCode::Invalid, "style", core::SourceLoc{file, 0, 0},
                          "sizes.leading must be at least sizes.body, and body above 0");
    return s;
}

FontPaths font_paths(const Style& style) {
    const FontFiles& f = style.fonts;
    return FontPaths{{f.regular, f.bold, f.italic, f.bold_italic}, {f.fallback, f.fallback_bold}};
}

namespace {

/// What a parsed style depends on: its file, its folder (a bare font name is looked for there
/// first) and the font search path's folders (find_font); empty when one of them cannot be
/// stat'ed or has not settled (core::settled), and then nothing is kept.
std::vector<core::FileStamp> style_stamps(const std::string& path, const std::string& dir) {
    std::vector<core::FileStamp> out;
    auto add = [&out](const std::optional<core::FileStamp>& st) {
        if (st && core::settled(*st)) out.push_back(*st);
        return st && core::settled(*st);
    };
    if (!add(core::file_stamp(path)) || !add(core::dir_stamp(dir))) return {};
    for (const auto d : font_search_path())
        if (!add(core::dir_stamp(std::string(d)))) return {};
    return out;
}

}  // namespace

Style load_style(const std::string& path) {
    const auto slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
    // Parsed once per thread while nothing it depends on changes (a batch builds every document
    // with the same style): at most kKept files, each served only with all its stamps equal.
    struct Kept {
        std::string path;
        std::vector<core::FileStamp> stamps;
        Style style;
    };
    constexpr std::size_t kKept = 4;
    thread_local std::vector<Kept> kept;
    const std::vector<core::FileStamp> stamps = style_stamps(path, dir);  // before the file is read
    const auto it = std::find_if(kept.begin(), kept.end(), [&path](const Kept& k) { return k.path == path; });
    if (it != kept.end() && !stamps.empty() && it->stamps == stamps) return it->style;
    if (it != kept.end()) kept.erase(it);
    const core::Bytes bytes = core::read_file(path, std::size_t{1} << 20);
    Style style = parse_style(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), path, dir);
    if (!stamps.empty() && style_stamps(path, dir) == stamps) {  // unchanged while it was read
        if (kept.size() >= kKept) kept.erase(kept.begin());
        kept.push_back({path, stamps, style});
    }
    return style;
}

}  // namespace kansli::layout
