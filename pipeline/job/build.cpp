#include "job/build.hpp"

#include "core/files.hpp"
#include "job/load.hpp"
#include "job/paths.hpp"
#include "job/proof.hpp"
#include "layout/compose.hpp"
#include "layout/fonts.hpp"
#include "layout/hyphenate.hpp"
#include "layout/style.hpp"
#include "render/render.hpp"

#include <filesystem>

namespace kansli::job {

namespace {

namespace fs = std::filesystem;

/// Every file the build reads, which the output must not replace.
core::InputFiles inputs_of(const BuildRequest& req, const std::string& style_path, const layout::Style& style,
                           const layout::PageSet& ps) {
    core::InputFiles in;
    in.add(req.input, "its own source file");
    in.add(style_path, "the style file");
    const layout::FontPaths fonts = layout::font_paths(style);
    for (const auto& f : fonts.main) in.add(f, "a font the style uses");
    for (const auto& f : fonts.fallback) in.add(f, "a font the style uses");
    for (const auto& a : ps.appended) in.add(a.path, "an attached document");
    for (const auto& page : ps.pages) {
        for (const auto& op : page.ops) {
            if (const auto* im = std::get_if<layout::Image>(&op)) in.add(im->path, "an image the document uses");
        }
    }
    return in;
}

}  // namespace

BuildResult build(const BuildRequest& req) {
    BuildResult result;
    result.output = req.output.empty() ? default_pdf_path(req.input) : req.output;
    if (req.omedelbart && req.output.empty()) result.output = omedelbar_path(result.output);
    // Before any work: the common mistake of naming the source (or the style) as output, and
    // outputs that are not regular files.
    {
        core::InputFiles early;
        early.add(req.input, "its own source file");
        early.add(req.style, "the style file");
        early.check_output(result.output);
    }

    const Home home{req.home};
    core::DiagSink sink;
    auto doc = load_document(req.input, home.schemas(), sink, req.root);
    if (!doc || sink.has_errors()) throw core::Error(core::ExitCode::Invalid, sink.diagnostics());

    const std::string style_path = req.style.empty() ? home.default_style() : req.style;
    const layout::Style style = layout::load_style(style_path);
    const layout::FontSet fonts = layout::FontSet::load(layout::font_paths(style));
    // Cheap: libhyphen parses its dictionary (~7 ms) only if a paragraph can use a hyphen, which
    // in ragged-right text is rare (none of the examples).
    layout::Hyphenator hyphenator;
    const layout::ComposeContext cx{style, fonts, &hyphenator, &sink, doc->base_dir};
    layout::PageSet pages = req.omedelbart ? compose_omedelbar(*doc, cx, req.time)  // issue 12
                                           : layout::compose(*doc, style, fonts, &hyphenator, req.time, &sink);
    if (sink.has_errors()) throw core::Error(core::ExitCode::Invalid, sink.diagnostics());
    if (!req.omedelbart) add_protokoll_proof(*doc, {style, fonts, &hyphenator, nullptr, doc->base_dir}, pages);

    inputs_of(req, style_path, style, pages).check_output(result.output);
    const render::RenderedPdf pdf = render::render(pages);
    core::write_file_atomic(result.output, pdf.bytes);
    result.pages = pdf.page_count;
    result.bytes = pdf.bytes.size();
    result.diagnostics = sink.diagnostics();
    return result;
}

}  // namespace kansli::job
