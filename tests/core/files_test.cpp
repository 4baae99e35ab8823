#include "core/diagnostic.hpp"
#include "core/files.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace kansli::core;
namespace fs = std::filesystem;

TEST_CASE("write_file_atomic replaces the file and leaves no temporary") {
    fs::path dir = fs::temp_directory_path() / "kansli-files-test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string path = (dir / "out.bin").string();
    write_file_atomic(path, std::string_view("first"));
    write_file_atomic(path, std::string_view("second"));
    auto bytes = read_file(path);
    CHECK(std::string(bytes.begin(), bytes.end()) == "second");
    int entries = 0;
    for ([[maybe_unused]] auto& e : fs::directory_iterator(dir)) ++entries;
    CHECK(entries == 1);
    fs::remove_all(dir);
}

TEST_CASE("write_file_atomic into a missing folder fails with exit 2 and names the path") {
    try {
        write_file_atomic("/nonexistent-kansli-dir/out.pdf", std::string_view("x"));
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Usage);
        CHECK(e.diagnostics().front().loc.file == "/nonexistent-kansli-dir/out.pdf");
    }
}

TEST_CASE("read_file enforces its size limit") {
    fs::path p = fs::temp_directory_path() / "kansli-read-limit.txt";
    { std::ofstream(p) << std::string(100, 'x'); }
    CHECK(read_file(p.string(), 100).size() == 100);
    CHECK_THROWS_AS(read_file(p.string(), 99), Error);
    CHECK_THROWS_AS(read_file("/nonexistent-kansli-file"), Error);
    fs::remove(p);
}
