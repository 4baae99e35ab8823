#include "job/build.hpp"

#include "core/files.hpp"
#include "job/load.hpp"
#include "job/paths.hpp"
#include "layout/compose.hpp"
#include "layout/fonts.hpp"
#include "layout/hyphenate.hpp"
#include "layout/style.hpp"
#include "render/render.hpp"

#include <filesystem>

namespace kansli::job {

namespace {

namespace fs = std::filesystem;

/// True when `a` and `b` name the same file: the same inode if both exist, else the same
/// normalized absolute path (so that "out.pdf" and "./out.pdf" are caught before either exists).
bool same_target(const std::string& a, const std::string& b) {
    if (core::same_file(a, b)) return true;
    std::error_code ec1, ec2;
    auto pa = fs::weakly_canonical(fs::absolute(a, ec1), ec1);
    auto pb = fs::weakly_canonical(fs::absolute(b, ec2), ec2);
    return !ec1 && !ec2 && pa == pb;
}

[[noreturn]] void refuse_output(const std::string& output, const std::string& what) {
    throw core::Error(core::ExitCode::Usage, "usage", {output, 0, 0}, "refusing to write the PDF over " + what,
                      "choose another output with -o OUT.pdf");
}

/// Every file the page set reads, which the output must not replace.
void check_output(const std::string& output, const BuildRequest& req, const std::string& style,
                  const layout::PageSet& ps) {
    if (same_target(output, req.input)) refuse_output(output, "its own source file");
    if (same_target(output, style)) refuse_output(output, "the style file");
    for (const auto& a : ps.appended) {
        if (same_target(output, a.path)) refuse_output(output, "an attached document (" + a.path + ")");
    }
    for (const auto& page : ps.pages) {
        for (const auto& op : page.ops) {
            if (const auto* im = std::get_if<layout::Image>(&op); im && same_target(output, im->path)) {
                refuse_output(output, "an image the document uses (" + im->path + ")");
            }
        }
    }
}

}  // namespace

BuildResult build(const BuildRequest& req) {
    BuildResult result;
    result.output = req.output.empty() ? default_pdf_path(req.input) : req.output;
    // Before any work: the common mistake of naming the source as output.
    if (same_target(result.output, req.input)) refuse_output(result.output, "its own source file");

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
    const layout::PageSet pages = layout::compose(*doc, style, fonts, &hyphenator, req.time, &sink);
    if (sink.has_errors()) throw core::Error(core::ExitCode::Invalid, sink.diagnostics());

    check_output(result.output, req, style_path, pages);
    const render::RenderedPdf pdf = render::render(pages);
    core::write_file_atomic(result.output, pdf.bytes);
    result.pages = pdf.page_count;
    result.bytes = pdf.bytes.size();
    result.diagnostics = sink.diagnostics();
    return result;
}

}  // namespace kansli::job
