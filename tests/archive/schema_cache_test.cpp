// The archive's per-thread schema cache (archive/rebuild.hpp): keyed on the schema files' bytes,
// so a changed schema is compiled again (never a stale result), and a rebuild through the cache
// gives the bytes of the plain build.
#include "archive/rebuild.hpp"
#include "core/files.hpp"
#include "job/build.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace kansli;

namespace {

std::string text_of(const std::string& path) {
    const core::Bytes b = core::read_file(path);
    return {b.begin(), b.end()};
}

/// A kansli home holding only a copy of the source tree's schemas/.
std::string home_with_schemas() {
    const std::string home = test::temp_dir("schema-cache");
    fs::copy(test::source("schemas"), fs::path(home) / "schemas", fs::copy_options::recursive);
    return home;
}

bool loads(const std::string& source, const std::string& home) {
    core::DiagSink sink;
    return archive::load_source(source, home, sink).has_value() && !sink.has_errors();
}

}  // namespace

TEST_CASE("schemas_key changes with any byte of a schema file and only then") {
    const std::string home = home_with_schemas();
    const std::string dir = home + "/schemas";
    const std::string k1 = archive::schemas_key(dir);
    CHECK(archive::schemas_key(dir) == k1);
    const std::string xsd = text_of(dir + "/common.xsd");
    core::write_file_atomic(dir + "/common.xsd", xsd + " ");
    const std::string k2 = archive::schemas_key(dir);
    CHECK(k2 != k1);
    core::write_file_atomic(dir + "/common.xsd", xsd);
    CHECK(archive::schemas_key(dir) == k1);
    core::write_file_atomic(dir + "/extra.xsd", std::string("<x/>"));
    CHECK(archive::schemas_key(dir) != k1);
}

TEST_CASE("a changed schema is compiled again, not served from the cache") {
    const std::string home = home_with_schemas();
    const std::string source = test::source("templates/examples/protokoll-2023-02-24.xml");
    const std::string xsd_path = home + "/schemas/protokoll.xsd";
    const std::string xsd = text_of(xsd_path);
    REQUIRE(loads(source, home));
    REQUIRE(loads(source, home));  // the cached set validates as the first did
    // The same home, a schema whose root element is renamed: the protokoll no longer validates.
    const std::string from = "<xs:element name=\"protokoll\"";
    const auto at = xsd.find(from);
    REQUIRE(at != std::string::npos);
    std::string renamed = xsd;
    renamed.replace(at, from.size(), "<xs:element name=\"protokollen\"");
    core::write_file_atomic(xsd_path, renamed);
    CHECK_FALSE(loads(source, home));
    // And back: valid again (the cache follows the bytes both ways).
    core::write_file_atomic(xsd_path, xsd);
    CHECK(loads(source, home));
    // A schema that does not compile is an error, never the set compiled before.
    core::write_file_atomic(xsd_path, std::string("<xs:schema"));
    CHECK_THROWS_AS(archive::thread_schemas(home), core::Error);
    core::write_file_atomic(xsd_path, xsd);
    CHECK(loads(source, home));
}

TEST_CASE("settled schema files are checked by stat; a change in place with the old mtime is still seen") {
    const std::string home = home_with_schemas();
    const std::string source = test::source("templates/examples/protokoll-2023-02-24.xml");
    const std::string xsd_path = home + "/schemas/protokoll.xsd";
    const std::string xsd = text_of(xsd_path);
    std::this_thread::sleep_for(std::chrono::milliseconds(3100));  // older than the 2 s a stamp trusts
    REQUIRE(loads(source, home));
    REQUIRE(loads(source, home));  // served by the stat stamp
    // The same size, the same inode, the mtime set back: only the ctime tells.
    const auto mtime = fs::last_write_time(xsd_path);
    const std::string from = "<xs:element name=\"protokoll\"";
    const auto at = xsd.find(from);
    REQUIRE(at != std::string::npos);
    std::string renamed = xsd;
    renamed.replace(at, from.size(), "<xs:element name=\"protokolX\"");
    {
        std::fstream f(xsd_path, std::ios::in | std::ios::out | std::ios::binary);
        f.write(renamed.data(), static_cast<std::streamsize>(renamed.size()));
    }
    fs::last_write_time(xsd_path, mtime);
    CHECK_FALSE(loads(source, home));
}

TEST_CASE("a rebuild with the cached schemas gives the bytes of the plain build") {
    const std::string home = test::source("");
    const std::string source = test::source("templates/examples/protokoll-2023-02-24.xml");
    const core::Instant at{1767225600};
    const core::Bytes cached = archive::build_bytes(source, home, at);
    const core::Bytes again = archive::build_bytes(source, home, at);
    job::BuildRequest req;
    req.input = source;
    req.home = home;
    req.time = at;
    const core::Bytes plain = job::build_bytes(req);
    CHECK(cached.size() > 1000);
    CHECK(cached == plain);
    CHECK(again == plain);
    // The source loaded once (as ingest does: describe, then rebuild) gives the same bytes.
    core::DiagSink sink;
    const source::SchemaSet& schemas = archive::thread_schemas(home);
    const core::Bytes text = core::read_file(source);
    const auto doc = archive::load_source(std::string_view(reinterpret_cast<const char*>(text.data()), text.size()),
                                          source, schemas, sink);
    REQUIRE(doc.has_value());
    CHECK(archive::build_bytes(source, home, at, schemas, &*doc) == plain);
    // and the document handed over is the one built: another source's model gives other bytes.
    const auto other = archive::load_source(test::source("templates/examples/protokoll-2025-11-14.xml"), home, sink);
    REQUIRE(other.has_value());
    CHECK(archive::build_bytes(source, home, at, schemas, &*other) != plain);
}

TEST_CASE("rebuilds of different documents in one thread give the bytes of separate kansli build processes") {
    // Different documents use different faces and glyphs: the thread's font and schema caches
    // must not carry anything from one into the next.
    const std::string home = test::source("");
    const std::string out = test::temp_dir("rebuild-processes");
    const std::vector<std::string> sources = {test::source("templates/examples/protokoll-2023-02-24.xml"),
                                              test::source("templates/examples/overenskommelse-2025.xml"),
                                              test::source("templates/examples/protokoll-2025-11-14.xml")};
    std::vector<core::Bytes> separate;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const std::string pdf = out + "/" + std::to_string(i) + ".pdf";
        const auto r = test::kansli({"build", sources[i], "-o", pdf, "--date", "2026-01-01T00:00:00Z"});
        REQUIRE(r.exit_code == 0);
        separate.push_back(core::read_file(pdf));
    }
    const core::Instant at{1767225600};
    for (int round = 0; round < 2; ++round) {
        for (std::size_t i = 0; i < sources.size(); ++i)
            CHECK(archive::build_bytes(sources[i], home, at) == separate[i]);
    }
}
