#include "core/diagnostic.hpp"
#include "core/files.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

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

namespace {

struct TempDir {
    fs::path dir;
    explicit TempDir(const char* name) : dir(fs::temp_directory_path() / name) {
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~TempDir() { fs::remove_all(dir); }
    [[nodiscard]] std::string at(const char* name) const { return (dir / name).string(); }
};

mode_t mode_of(const std::string& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

std::string text_of(const std::string& p) {
    auto b = read_file(p);
    return {b.begin(), b.end()};
}

int count_entries(const fs::path& dir) {
    int n = 0;
    for ([[maybe_unused]] auto& e : fs::directory_iterator(dir)) ++n;
    return n;
}

void expect_usage_error(const std::function<void()>& f, const std::string& needle) {
    try {
        f();
        FAIL("expected an error containing: " << needle);
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::Usage);
        CHECK_THAT(e.diagnostics().front().message, Catch::Contains(needle));
    }
}

}  // namespace

TEST_CASE("a new output gets 0666 minus the umask; a replaced one keeps its mode") {
    TempDir t("kansli-files-mode");
    struct Case {
        mode_t umask_value;
        mode_t expected;
    };
    for (const Case c : {Case{022, 0644}, Case{077, 0600}, Case{027, 0640}, Case{002, 0664}}) {
        const mode_t old = ::umask(c.umask_value);
        const std::string p = t.at("new.pdf");
        fs::remove(p);
        write_file_atomic(p, std::string_view("x"));
        ::umask(old);
        CHECK(mode_of(p) == c.expected);
    }
    for (const mode_t kept : {mode_t{0600}, mode_t{0640}, mode_t{0604}, mode_t{0755}}) {
        const std::string p = t.at("kept.pdf");
        write_file_atomic(p, std::string_view("old"));
        REQUIRE(::chmod(p.c_str(), kept) == 0);
        write_file_atomic(p, std::string_view("new"));
        CHECK(mode_of(p) == kept);
        CHECK(text_of(p) == "new");
    }
}

TEST_CASE("only regular files are replaced: devices, FIFOs, sockets, directories are refused") {
    TempDir t("kansli-files-special");
    const std::string fifo = t.at("fifo");
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    const std::string sock = t.at("sock");
    {
        int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", sock.c_str());
        REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        ::close(s);
    }
    const std::string sub = t.at("sub");
    fs::create_directories(sub);
    struct Case {
        std::string path;
        const char* what;
    };
    for (const auto& c :
         {Case{"/dev/null", "character device"}, Case{fifo, "FIFO"}, Case{sock, "socket"}, Case{sub, "directory"}}) {
        CAPTURE(c.path);
        expect_usage_error([&] { write_file_atomic(c.path, std::string_view("pdf")); }, c.what);
        InputFiles none;
        expect_usage_error([&] { none.check_output(c.path); }, c.what);
    }
    struct stat st {};
    REQUIRE(::stat("/dev/null", &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
    REQUIRE(::lstat(fifo.c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
    // A link that leads nowhere is refused; one to a regular file writes that file, the link stays.
    const std::string dangling = t.at("dangling");
    fs::create_symlink(t.at("nowhere"), dangling);
    expect_usage_error([&] { write_file_atomic(dangling, std::string_view("x")); }, "leads nowhere");
    const std::string real = t.at("real.pdf"), link = t.at("link.pdf");
    write_file_atomic(real, std::string_view("old"));
    fs::create_symlink(real, link);
    write_file_atomic(link, std::string_view("new"));
    CHECK(fs::is_symlink(link));
    CHECK(text_of(real) == "new");
}

TEST_CASE("a killed run's temporary is removed on the next write; a fresh one is left alone") {
    TempDir t("kansli-files-stale");
    const std::string out = t.at("out.pdf");
    const std::string stale = t.at(".out.pdf.tmp-a1b2c3"), fresh = t.at(".out.pdf.tmp-d4e5f6");
    const std::string other = t.at(".other.pdf.tmp-a1b2c3");  // not this target's
    for (const auto& p : {stale, fresh, other}) write_file_atomic(p, std::string_view("partial"));
    const timespec old_times[2] = {{std::time(nullptr) - 3600, 0}, {std::time(nullptr) - 3600, 0}};
    REQUIRE(::utimensat(AT_FDCWD, stale.c_str(), old_times, 0) == 0);
    REQUIRE(::utimensat(AT_FDCWD, other.c_str(), old_times, 0) == 0);
    write_file_atomic(out, std::string_view("whole"));
    CHECK_FALSE(fs::exists(stale));
    CHECK(fs::exists(fresh));
    CHECK(fs::exists(other));
    CHECK(text_of(out) == "whole");
    CHECK(count_entries(t.dir) == 3);  // out, fresh, other: no temporary of this write is left
}

TEST_CASE("InputFiles refuses an output that is one of the inputs, however it is named") {
    TempDir t("kansli-files-inputs");
    const std::string key = t.at("key.pem"), cert = t.at("cert.pem");
    write_file_atomic(key, std::string_view("KEY"));
    write_file_atomic(cert, std::string_view("CERT"));
    REQUIRE(::link(key.c_str(), t.at("hard.pem").c_str()) == 0);
    fs::create_symlink(key, t.at("soft.pem"));
    fs::create_directories(t.dir / "sub");
    InputFiles in;
    in.add(key, "the private key");
    in.add(cert, "the certificate");
    in.add(t.at("missing.xml"), "its own source file");  // not there (yet): compared by path
    struct Case {
        std::string output;
        const char* refused_as;
    };
    const std::vector<Case> refused = {
        {key, "the private key"},
        {t.at("hard.pem"), "the private key"},
        {t.at("soft.pem"), "the private key"},
        {(t.dir / "sub" / ".." / "cert.pem").string(), "the certificate"},
        {(t.dir / "." / "missing.xml").string(), "its own source file"},
    };
    for (const auto& c : refused) {
        CAPTURE(c.output);
        expect_usage_error([&] { in.check_output(c.output); }, c.refused_as);
    }
    CHECK_NOTHROW(in.check_output(t.at("out.pdf")));
    CHECK(text_of(key) == "KEY");
}
