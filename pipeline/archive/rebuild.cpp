#include "archive/rebuild.hpp"

#include "job/build.hpp"
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

/// The schemas, loaded once per thread for describing sources (none of it is shared between threads).
struct Kit {
    std::string home;
    std::optional<source::SchemaSet> schemas;
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

core::Bytes build_bytes(const std::string& source, const std::string& home, core::Instant time) {
    // The one build pipeline (job::build_bytes), so that the comparison is with what `kansli
    // build` writes: PDF/A conformance pass, the § proof, appended sources and all.
    job::BuildRequest req;
    req.input = source;
    req.home = home;
    req.time = time;
    return job::build_bytes(req);
}

}  // namespace kansli::archive
