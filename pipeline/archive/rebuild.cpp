#include "archive/rebuild.hpp"

#include "archive/digest.hpp"
#include "core/files.hpp"
#include "job/build.hpp"
#include "job/load.hpp"
#include "job/paths.hpp"

#include <algorithm>
#include <filesystem>
#include <vector>

namespace kansli::archive {

namespace {

namespace fs = std::filesystem;

/// This thread's compiled schemas and the key they were compiled for (none of it is shared
/// between threads: libxml2's compiled schemas are used by one validation at a time).
struct Kit {
    std::string key;
    std::optional<source::SchemaSet> schemas;
};

}  // namespace

std::string schemas_key(const std::string& dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (e.path().extension() == ".xsd" && e.is_regular_file(ec)) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    std::string all = dir + "\n";
    for (const auto& f : files) {
        const core::Bytes b = core::read_file(f.string(), std::size_t{16} << 20);
        all += f.filename().string() + "\n" + std::to_string(b.size()) + "\n" + sha256_hex(b) + "\n";
    }
    return sha256_hex(all);
}

const source::SchemaSet& thread_schemas(const std::string& home) {
    thread_local Kit k;
    const std::string dir = job::Home{home}.schemas();
    const std::string key = schemas_key(dir);
    if (!k.schemas || k.key != key) {
        k.schemas.reset();
        k.key.clear();
        k.schemas = source::SchemaSet::load(dir);
        // Kept for the next document only when no file changed while it was compiled.
        if (schemas_key(dir) == key) k.key = key;
    }
    return *k.schemas;
}

std::optional<model::Document> load_source(const std::string& path, const std::string& home, core::DiagSink& sink) {
    return load_source(path, thread_schemas(home), sink);
}

std::optional<model::Document> load_source(const std::string& path, const source::SchemaSet& schemas,
                                           core::DiagSink& sink) {
    return job::load_document(path, schemas, sink);
}

core::Bytes build_bytes(const std::string& source, const std::string& home, core::Instant time) {
    return build_bytes(source, home, time, thread_schemas(home), nullptr);
}

core::Bytes build_bytes(const std::string& source, const std::string& home, core::Instant time,
                        const source::SchemaSet& schemas, const model::Document* loaded) {
    // The one build pipeline (job::build_bytes), so that the comparison is with what `kansli
    // build` writes: PDF/A conformance pass, the § proof, appended sources and all.
    job::BuildRequest req;
    req.input = source;
    req.home = home;
    req.time = time;
    req.schemas = &schemas;
    req.loaded = loaded;
    return job::build_bytes(req);
}

}  // namespace kansli::archive
