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
#include <functional>
#include <optional>
#include <vector>

#include <stdlib.h>

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

/// Where the PDFs of appended kansli sources are built for one `kansli build`; removed after.
class TempFolder {
public:
    TempFolder() = default;
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    ~TempFolder() {
        std::error_code ec;
        if (!m_dir.empty()) fs::remove_all(m_dir, ec);
    }
    std::string next() {
        if (m_dir.empty()) {
            std::string tmpl = (fs::temp_directory_path() / "kansli-build-XXXXXX").string();
            if (!::mkdtemp(tmpl.data())) core::throw_io(tmpl, "cannot create a temporary folder");
            m_dir = tmpl;
        }
        return (fs::path(m_dir) / ("source-" + std::to_string(++m_count) + ".pdf")).string();
    }

private:
    std::string m_dir;
    int m_count = 0;
};

struct Shared {
    const BuildRequest& req;
    const source::SchemaSet& schemas;
    const layout::Style& style;
    const layout::FontSet& fonts;
    layout::Hyphenator& hyphenator;
    TempFolder& temp;
};

/// Loads and lays out `input`; each appended kansli source (validated by load_document: no
/// cycle, bounded depth) is built first, into the temporary folder, and appended as that PDF.
/// `sources` receives the XML files read.
layout::PageSet compose_source(const std::string& input, const Shared& sh, core::DiagSink& sink,
                               std::vector<std::string>& sources) {
    std::optional<model::Document> own;
    const model::Document* doc = sources.empty() && input == sh.req.input ? sh.req.loaded : nullptr;
    if (doc == nullptr) {
        own = load_document(input, sh.schemas, sink, {}, sh.req.root);
        if (!own || sink.has_errors()) throw core::Error(core::ExitCode::Invalid, sink.diagnostics());
        doc = &*own;
    }
    // --omedelbart makes the separate document of the top source's omedelbart justerade §§.
    const bool omedelbart = sh.req.omedelbart && sources.empty() && input == sh.req.input;
    const layout::ComposeContext cx{sh.style, sh.fonts, &sh.hyphenator, &sink, doc->base_dir};
    layout::PageSet pages = omedelbart ? compose_omedelbar(*doc, cx, sh.req.time)  // issue 12
                                       : layout::compose(*doc, sh.style, sh.fonts, &sh.hyphenator, sh.req.time, &sink);
    if (sink.has_errors()) throw core::Error(core::ExitCode::Invalid, sink.diagnostics());
    if (!omedelbart) add_protokoll_proof(*doc, {sh.style, sh.fonts, &sh.hyphenator, nullptr, doc->base_dir}, pages);
    for (auto& a : pages.appended) {
        if (!model::is_source_attachment(a.path)) continue;
        sources.push_back(a.path);
        const layout::PageSet nested = compose_source(a.path, sh, sink, sources);
        const std::string pdf = sh.temp.next();
        core::write_file_atomic(pdf, render::render(nested).bytes);
        a.path = pdf;
    }
    return pages;
}

/// The build in memory: load, lay out (appended sources built first), render. `check` gets the
/// files read and the render options before rendering (build() checks its output against them).
render::RenderedPdf render_request(const BuildRequest& req, core::DiagSink& sink,
                                   const std::function<void(const core::InputFiles&)>& check) {
    const Home home{req.home};
    std::optional<source::SchemaSet> own;
    if (req.schemas == nullptr) own = source::SchemaSet::load(home.schemas());
    const source::SchemaSet& schemas = req.schemas != nullptr ? *req.schemas : *own;
    const std::string style_path = req.style.empty() ? home.default_style() : req.style;
    const layout::Style style = layout::load_style(style_path);
    const layout::FontSet fonts = layout::FontSet::load_shared(layout::font_paths(style));
    // Cheap: libhyphen parses its dictionary (~7 ms) only if a paragraph can use a hyphen, which
    // in ragged-right text is rare (none of the examples).
    layout::Hyphenator hyphenator;
    TempFolder temp;
    std::vector<std::string> sources;
    const layout::PageSet pages =
        compose_source(req.input, Shared{req, schemas, style, fonts, hyphenator, temp}, sink, sources);

    render::RenderOptions options;
    options.profile = req.plain ? render::Profile::Plain : render::Profile::PdfA;
    if (!req.plain) options.icc_profile = render::find_srgb_profile();
    if (check) {  // the files read (each resolved with realpath): only a caller that checks needs them
        core::InputFiles inputs = inputs_of(req, style_path, style, pages);
        for (const auto& x : sources) inputs.add(x, "an appended source document");
        if (!req.plain) inputs.add(options.icc_profile, "the ICC profile");
        check(inputs);
    }
    return render::render(pages, {}, options);
}

}  // namespace

core::Bytes build_bytes(const BuildRequest& req) {
    core::DiagSink sink;
    return render_request(req, sink, {}).bytes;
}

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

    core::DiagSink sink;
    const render::RenderedPdf pdf =
        render_request(req, sink, [&](const core::InputFiles& inputs) { inputs.check_output(result.output); });
    core::write_file_atomic(result.output, pdf.bytes);
    result.pages = pdf.page_count;
    result.bytes = pdf.bytes.size();
    result.diagnostics = sink.diagnostics();
    result.diagnostics.insert(result.diagnostics.end(), pdf.diagnostics.begin(), pdf.diagnostics.end());
    return result;
}

}  // namespace kansli::job
