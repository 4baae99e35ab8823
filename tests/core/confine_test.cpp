// core::open_beneath: files are opened only beneath the root, whatever the path or the links.
#include "core/confine.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

using namespace kansli::core;
namespace fs = std::filesystem;

TEST_CASE("open_beneath: inside is read, every way out is refused, special files never block") {
    const std::string top = kansli::test::temp_dir("confine");
    const std::string root = top + "/root";
    fs::create_directories(root + "/a/b");
    std::ofstream(top + "/secret") << "secret";
    std::ofstream(root + "/a/file") << "%PDF-";
    fs::create_symlink("../file", root + "/a/b/up");           // relative, stays inside
    fs::create_symlink("../../../secret", root + "/a/b/out");  // relative, leaves
    fs::create_symlink("b", root + "/a/bdir");                 // a link to a folder on the way
    REQUIRE(::mkfifo((root + "/pipe").c_str(), 0600) == 0);

    const auto in = open_beneath(root, root + "/a", "b/up");
    REQUIRE(in.ok());
    CHECK(in.resolved == fs::canonical(root + "/a/file").string());
    CHECK(read_head(in, 5) == "%PDF-");
    CHECK(open_beneath(root, root + "/a", "bdir/../file").ok());

    for (const char* rel : {"b/out", "../../secret", "../../root/a/file", "/etc/passwd"}) {
        INFO(rel);
        const auto f = open_beneath(root, root + "/a", rel);
        CHECK(f.problem == FileProblem::Outside);
        CHECK(f.fd() < 0);
    }
    CHECK(open_beneath(root, root, "pipe").problem == FileProblem::Special);  // returns at once
    CHECK(open_beneath(root, root, "a").problem == FileProblem::Directory);
    CHECK(open_beneath(root, root, "nothing").problem == FileProblem::NotFound);
    // A base folder outside the root: everything it names is outside.
    CHECK(open_beneath(root + "/a", root, "a/file").problem == FileProblem::Outside);
    // The root itself may be reached through a link; the check is on the real folders.
    fs::create_symlink(root, top + "/alias");
    CHECK(open_beneath(top + "/alias", root + "/a", "file").ok());
}
