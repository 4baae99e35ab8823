#include "layout/fonts.hpp"

#include "layout/typeset_memo.hpp"

#include "core/file_stamp.hpp"

#include <algorithm>
#include <optional>

#include <sys/stat.h>

namespace kansli::layout {

core::Length FontMetrics::scale(int units, core::Length size) const {
    const std::int64_t num = std::int64_t(units) * size;
    const std::int64_t den = units_per_em();
    const std::int64_t half = den / 2;
    return static_cast<core::Length>(num >= 0 ? (num + half) / den : -((-num + half) / den));
}

std::uint16_t TrueTypeFont::glyph(char32_t cp) const {
    if (cp < kLowCmap) return m_low_cmap[cp];
    const auto it = std::lower_bound(m_high_cmap.begin(), m_high_cmap.end(), cp,
                                     [](const CmapEntry& e, char32_t c) { return e.cp < c; });
    return it != m_high_cmap.end() && it->cp == cp ? it->glyph : 0;
}

int TrueTypeFont::glyph_advance(std::uint16_t g) const { return g < m_advances.size() ? m_advances[g] : 0; }

int TrueTypeFont::glyph_kerning(std::uint16_t left, std::uint16_t right) const {
    if (m_kern.empty() || left == 0 || right == 0 || std::size_t{left} + 1 >= m_kern_start.size()) return 0;
    const std::uint32_t key = std::uint32_t(left) << 16 | right;
    const auto first = m_kern.begin() + m_kern_start[left], last = m_kern.begin() + m_kern_start[left + 1];
    if (first == last) return 0;
    const auto it = std::lower_bound(first, last, key, [](const KernEntry& e, std::uint32_t k) { return e.pair < k; });
    return it != last && it->pair == key ? it->value : 0;
}

std::span<const std::string_view> font_search_path() {
    static constexpr std::array<std::string_view, 2> kDirs = {"/usr/share/fonts/truetype/liberation2",
                                                              "/usr/share/fonts/truetype/dejavu"};
    return kDirs;
}

std::string find_font(std::string_view name) {
    if (name.find('/') != std::string_view::npos) return std::string(name);
    const auto dirs = font_search_path();
    for (const auto dir : dirs) {
        std::string candidate = std::string(dir) + "/" + std::string(name);
        struct stat st {};
        if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return candidate;
    }
    return std::string(dirs.front()) + "/" + std::string(name);
}

FontPaths default_font_paths() {
    return FontPaths{{find_font("LiberationSans-Regular.ttf"), find_font("LiberationSans-Bold.ttf"),
                      find_font("LiberationSans-Italic.ttf"), find_font("LiberationSans-BoldItalic.ttf")},
                     {find_font("DejaVuSans.ttf"), find_font("DejaVuSans-Bold.ttf")}};
}

LazyTrueTypeFont::LazyTrueTypeFont(std::string path)
    : m_path(std::move(path)), m_ps_name(TrueTypeFont::load_postscript_name(m_path)) {}

const TrueTypeFont& LazyTrueTypeFont::load_now() const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_font) {
        m_font = TrueTypeFont::load(m_path);
        m_ready.store(m_font.get(), std::memory_order_release);
    }
    return *m_font;
}

FontSet FontSet::load(const FontPaths& paths) {
    std::vector<std::unique_ptr<FontMetrics>> faces;
    for (const auto& p : paths.main) faces.push_back(std::make_unique<LazyTrueTypeFont>(p));
    for (const auto& p : paths.fallback) faces.push_back(std::make_unique<LazyTrueTypeFont>(p));
    return FontSet(std::move(faces));
}

FontSet::~FontSet() = default;
FontSet::FontSet(FontSet&&) noexcept = default;
FontSet& FontSet::operator=(FontSet&&) noexcept = default;

FontSet::FontSet(Faces faces) : FontSet(std::make_shared<const Faces>(std::move(faces))) {}

FontSet::FontSet(std::shared_ptr<const Faces> faces)
    : m_faces(std::move(faces)), m_memo(std::make_unique<TypesetMemo>()) {
    const Faces& f = *m_faces;
    if (f.size() != 6 || std::any_of(f.begin(), f.end(), [](const auto& x) { return !x; })) {
        throw core::Error(core::ExitCode::Usage, "font", core::SourceLoc{},
                          "a FontSet needs 6 faces (4 main, 2 fallback), got " + std::to_string(f.size()));
    }
}

namespace {

struct SharedFaces {
    FontPaths paths;
    std::vector<core::FileStamp> stamps;  ///< of main[0..3], fallback[0..1], taken before loading
    std::shared_ptr<const FontSet::Faces> faces;
};

/// The stamps of the six files, or nullopt when one cannot be stat'ed (load() then says why) or
/// changed in the last two seconds (core::settled: such a set is neither served nor kept).
std::optional<std::vector<core::FileStamp>> stamps_of(const FontPaths& paths) {
    std::vector<core::FileStamp> out;
    const auto add = [&out](const std::string& path) {
        const auto st = core::file_stamp(path);
        if (st && core::settled(*st)) out.push_back(*st);
        return st && core::settled(*st);
    };
    for (const auto& p : paths.main)
        if (!add(p)) return std::nullopt;
    for (const auto& p : paths.fallback)
        if (!add(p)) return std::nullopt;
    return out;
}

}  // namespace

FontSet FontSet::load_shared(const FontPaths& paths) {
    thread_local std::vector<SharedFaces> kept;  // most recently used last
    const auto stamps = stamps_of(paths);
    const auto same_files = [&paths](const SharedFaces& k) { return k.paths == paths; };
    auto it = std::find_if(kept.begin(), kept.end(), same_files);
    if (it != kept.end() && stamps && it->stamps == *stamps) {
        std::rotate(it, it + 1, kept.end());
        return FontSet(kept.back().faces);
    }
    if (it != kept.end()) kept.erase(it);  // a file changed: never served again
    FontSet fresh = load(paths);
    if (stamps) {
        if (kept.size() >= kSharedSetsPerThread) kept.erase(kept.begin());
        kept.push_back({paths, *stamps, fresh.m_faces});
    }
    return fresh;
}

Resolved FontSet::resolve(char32_t cp, FaceStyle style) const {
    const FontId main = primary(style);
    if (const auto g = (*m_faces)[main]->glyph(cp); g != 0) return {main, cp, g, false};
    const bool bold = style == FaceStyle::Bold || style == FaceStyle::BoldItalic;
    const FontId fb = bold ? 5 : 4;
    if (const auto g = (*m_faces)[fb]->glyph(cp); g != 0) return {fb, cp, g, false};
    for (const char32_t rep : {char32_t(0xFFFD), char32_t('?')}) {
        if (const auto g = (*m_faces)[main]->glyph(rep); g != 0) return {main, rep, g, true};
        if (const auto g = (*m_faces)[fb]->glyph(rep); g != 0) return {fb, rep, g, true};
    }
    return {main, char32_t('?'), 0, true};  // a font without '?': draw .notdef
}

void FontSet::fill_fonts(PageSet& ps) const {
    ps.fonts.clear();
    for (const auto& f : *m_faces) ps.fonts.push_back(FontRef{f->postscript_name(), f->path()});
}

}  // namespace kansli::layout
