// `kansli build` as a library call: source XML → validated model → PageSet → PDF, written atomically.
#pragma once

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "core/time.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace kansli::source {
class SchemaSet;
}
namespace kansli::model {
struct Document;
}

namespace kansli::job {

struct BuildRequest {
    std::string input;   ///< XML source
    std::string output;  ///< PDF to write; empty = beside the input, with ".pdf"
    std::string home;    ///< kansli home: schemas/ and templates/ are found here
    std::string style;   ///< style file; empty = <home>/templates/style/region-jh.conf
    std::string root;    ///< folder outside which no file the document names is read (--root);
                         ///< empty = the folder of the input
    bool plain = false;  ///< --profile plain: no PDF/A-2a / PDF/UA-1 (render::Profile::Plain)
    core::Instant time;  ///< build time for the PDF's dates (resolved by the CLI: --date,
                         ///< SOURCE_DATE_EPOCH, else the clock); never read here

    /// The separate document of a protokoll's omedelbart justerade §§ (layout/utdrag.hpp);
    /// default output "<stem>.omedelbart.pdf".
    bool omedelbart = false;

    /// Schemas already compiled from <home>/schemas (the archive's per-thread cache, keyed on the
    /// files' bytes); null = compiled here for this build.
    const source::SchemaSet* schemas = nullptr;

    /// The input already loaded by load_document(input, *schemas) with the default limits and
    /// root, without errors (the archive loads it to describe it); null = loaded here.
    const model::Document* loaded = nullptr;
};

struct BuildResult {
    std::string output;                         ///< the path written
    int pages = 0;                              ///< including appended PDFs' pages
    std::size_t bytes = 0;                      ///< size of the PDF
    std::vector<core::Diagnostic> diagnostics;  ///< warnings and notes (nothing that stopped it)
};

/// Loads req.input (schema + rules, the same diagnostics as `kansli validate`), lays it out in
/// the style, renders the PDF and writes it atomically to the output path.
///
/// Throws core::Error: exit 1 (invalid input) with every diagnostic when the source is invalid,
/// or when an appended PDF or image is broken; exit 2 for usage and I/O: unreadable input,
/// style, fonts or attachments, an output that is the input or one of the files the document
/// uses (attachments, images), or a failed write. On any failure no output file is written
/// and an existing one is left untouched.
BuildResult build(const BuildRequest& req);

/// The bytes build() would write for `req` (req.output is ignored; nothing is written): the one
/// build pipeline, for callers that compare (the archive's rebuild check).
core::Bytes build_bytes(const BuildRequest& req);

}  // namespace kansli::job
