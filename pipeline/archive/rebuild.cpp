#include "archive/rebuild.hpp"

#include "job/load.hpp"
#include "job/paths.hpp"
#include "layout/compose.hpp"
#include "layout/fonts.hpp"
#include "layout/hyphenate.hpp"
#include "layout/style.hpp"
#include "render/render.hpp"
#include "source/schema_set.hpp"

#include <memory>

namespace kansli::archive {

namespace {

/// What a build loads that does not depend on the document, kept per thread (none of it is
/// shared between threads).
struct Kit {
    std::string home;
    std::optional<source::SchemaSet> schemas;
    std::optional<layout::Style> style;
    std::unique_ptr<layout::FontSet> fonts;
    std::unique_ptr<layout::Hyphenator> hyphenator;
};

Kit& kit(const std::string& home) {
    thread_local Kit k;
    if (k.home != home) {
        k = Kit{};
        k.home = home;
    }
    return k;
}

}  // namespace

std::optional<model::Document> load_source(const std::string& path, const std::string& home, core::DiagSink& sink) {
    Kit& k = kit(home);
    if (!k.schemas) k.schemas = source::SchemaSet::load(job::Home{home}.schemas());
    return job::load_document(path, *k.schemas, sink);
}

core::Bytes build_bytes(const model::Document& doc, const std::string& home, core::Instant time) {
    Kit& k = kit(home);
    if (!k.style) k.style = layout::load_style(job::Home{home}.default_style());
    if (!k.fonts) k.fonts = std::make_unique<layout::FontSet>(layout::FontSet::load(layout::font_paths(*k.style)));
    if (!k.hyphenator) k.hyphenator = std::make_unique<layout::Hyphenator>();
    core::DiagSink sink;
    const layout::PageSet pages = layout::compose(doc, *k.style, *k.fonts, k.hyphenator.get(), time, &sink);
    if (sink.has_errors()) throw core::Error(core::ExitCode::Invalid, sink.diagnostics());
    return render::render(pages).bytes;
}

}  // namespace kansli::archive
