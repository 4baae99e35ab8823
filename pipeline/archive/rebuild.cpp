#include "archive/rebuild.hpp"

#include "archive/digest.hpp"
#include "core/file_stamp.hpp"
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

/// This thread's compiled schemas, the key they were compiled for, and the stamps of the files
/// when that key was last computed (none of it is shared between threads: libxml2's compiled
/// schemas are used by one validation at a time).
struct Kit {
    std::string key;
    std::string stamps;
    std::optional<source::SchemaSet> schemas;
};

/// The names and core::FileStamps of every *.xsd directly in `dir`: while these are the same,
/// so are the files' bytes (file_stamp.hpp), and schemas_key() need not read them again.
std::string schemas_stamps(const std::string& dir) {
    std::vector<std::string> lines;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (e.path().extension() != ".xsd") continue;
        const auto st = core::file_stamp(e.path().string());
        if (!st) continue;
        lines.push_back(e.path().filename().string() + " " + std::to_string(st->dev) + " " + std::to_string(st->ino) +
                        " " + std::to_string(st->size) + " " + std::to_string(st->mtime_ns) + " " +
                        std::to_string(st->ctime_ns) + "\n");
    }
    std::sort(lines.begin(), lines.end());
    std::string all = dir + "\n";
    for (const auto& l : lines) all += l;
    return all;
}

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
    // Stamps first: a file that changes after this is seen as changed at the next call.
    const std::string stamps = schemas_stamps(dir);
    if (k.schemas && !k.key.empty() && stamps == k.stamps) return *k.schemas;
    const std::string key = schemas_key(dir);
    if (k.schemas && k.key == key) {
        k.stamps = stamps;
        return *k.schemas;
    }
    k.schemas.reset();
    k.key.clear();
    k.stamps.clear();
    k.schemas = source::SchemaSet::load(dir);
    // Kept for the next document only when no file changed while it was compiled.
    if (schemas_key(dir) == key) {
        k.key = key;
        k.stamps = stamps;
    }
    return *k.schemas;
}

std::optional<model::Document> load_source(const std::string& path, const std::string& home, core::DiagSink& sink) {
    return job::load_document(path, thread_schemas(home), sink);
}

core::Bytes build_bytes(const std::string& source, const std::string& home, core::Instant time) {
    // The one build pipeline (job::build_bytes), so that the comparison is with what `kansli
    // build` writes: PDF/A conformance pass, the § proof, appended sources and all.
    job::BuildRequest req;
    req.input = source;
    req.home = home;
    req.time = time;
    req.schemas = &thread_schemas(home);
    return job::build_bytes(req);
}

}  // namespace kansli::archive
