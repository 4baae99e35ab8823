#include "archive/rebuild.hpp"

#include "archive/digest.hpp"
#include "core/file_stamp.hpp"
#include "core/files.hpp"
#include "job/build.hpp"
#include "job/load.hpp"
#include "job/paths.hpp"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <cstdint>
#include <vector>

namespace kansli::archive {

namespace {

namespace fs = std::filesystem;

/// This thread's compiled schemas and the key they were compiled for (none of it is shared
/// between threads: libxml2's compiled schemas are used by one validation at a time).
struct Kit {
    std::string key;
    std::optional<source::SchemaSet> schemas;
    std::vector<std::string> files;  ///< the schema files when `stamp` was taken
    std::string stamp;               ///< stamp_of(dir, files) before the bytes of `key` were read; "" none
};

/// The *.xsd regular files directly in `dir`, sorted.
std::vector<std::string> schema_files(const std::string& dir) {
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (e.path().extension() == ".xsd" && e.is_regular_file(ec)) files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// The core::FileStamps of `dir` and of `files`, or "" when one cannot be stat'ed or changed less
/// than two seconds ago: a change within the same clock tick as the one before could leave all of
/// it equal, so only an older state is trusted (every later change then gives a later time).
/// Adding, removing or renaming a file changes the folder's times.
std::string stamp_of(const std::string& dir, const std::vector<std::string>& files) {
    std::string out;
    const auto add = [&](const std::string& path, const std::optional<core::FileStamp>& st) {
        if (!st || !core::settled(*st)) return false;
        out += path + ' ' + std::to_string(st->dev) + ' ' + std::to_string(st->ino) + ' ' + std::to_string(st->size) +
               ' ' + std::to_string(st->mtime_ns) + ' ' + std::to_string(st->ctime_ns) + '\n';
        return true;
    };
    if (!add(dir, core::dir_stamp(dir))) return {};
    for (const auto& f : files) {
        if (!add(f, core::file_stamp(f))) return {};
    }
    return out;
}

}  // namespace

std::string schemas_key(const std::string& dir) {
    std::string all = dir + "\n";
    for (const auto& f : schema_files(dir)) {
        const core::Bytes b = core::read_file(f, std::size_t{16} << 20);
        all += fs::path(f).filename().string() + "\n" + std::to_string(b.size()) + "\n" + sha256_hex(b) + "\n";
    }
    return sha256_hex(all);
}

const source::SchemaSet& thread_schemas(const std::string& home) {
    thread_local Kit k;
    const std::string dir = job::Home{home}.schemas();
    // Nothing stat sees changed since the key was last computed: the same bytes, the same key
    // (no file read and hashed again for every document).
    if (k.schemas && !k.stamp.empty() && stamp_of(dir, k.files) == k.stamp) return *k.schemas;
    std::vector<std::string> files = schema_files(dir);
    std::string stamp = stamp_of(dir, files);  // before the bytes are read
    const std::string key = schemas_key(dir);
    if (!k.schemas || k.key != key) {
        k.schemas.reset();
        k.key.clear();
        k.stamp.clear();
        k.schemas = source::SchemaSet::load(dir);
        // Kept for the next document only when no file changed while it was compiled.
        if (schemas_key(dir) == key) k.key = key;
    }
    k.files = std::move(files);
    k.stamp = k.key == key ? std::move(stamp) : std::string();
    return *k.schemas;
}

std::optional<model::Document> load_source(const std::string& path, const std::string& home, core::DiagSink& sink) {
    return job::load_document(path, thread_schemas(home), sink);
}

std::optional<model::Document> load_source(std::string_view text, const std::string& path,
                                           const source::SchemaSet& schemas, core::DiagSink& sink) {
    return job::load_document_text(text, path, schemas, sink);
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
