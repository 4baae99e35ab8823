// archive::use_huge_page_cache (archive/search.hpp): a search process's SQLite page cache is one
// 2 MiB region advised for a transparent huge page. Each case runs in a child process, since the
// setting is SQLite's process-wide configuration and must come before SQLite's initialisation.
#include "archive/register.hpp"
#include "archive/search.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

using namespace kansli;

namespace {

/// Runs `body` in a child process; its result (0 = every check held) is the child's exit status.
/// A failed check prints what failed on stderr. The child starts with SQLite shut down, as a new
/// process has it (this test process holds no connection between cases).
int in_child(const std::function<int()>& body) {
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        int rc = 99;
        sqlite3_shutdown();
        // The parent's high-water marks are inherited: start from what is in use now (nothing).
        for (const int op : {SQLITE_STATUS_PAGECACHE_USED, SQLITE_STATUS_PAGECACHE_OVERFLOW}) {
            sqlite3_int64 now = 0, high = 0;
            sqlite3_status64(op, &now, &high, 1);
        }
        try {
            rc = body();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "child: %s\n", e.what());
        }
        std::fflush(nullptr);
        ::_exit(rc);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

#define CHILD_CHECK(cond, code)                                       \
    do {                                                              \
        if (!(cond)) {                                                \
            std::fprintf(stderr, "child: check failed: %s\n", #cond); \
            return code;                                              \
        }                                                             \
    } while (0)

/// The highest number of page-cache slots SQLite took from the configured region.
sqlite3_int64 region_pages_used() {
    sqlite3_int64 now = 0, high = 0;
    sqlite3_status64(SQLITE_STATUS_PAGECACHE_USED, &now, &high, 0);
    return high;
}

/// The /proc/self/smaps block of the mapping that starts at `p`: its size in kB and VmFlags.
struct Mapping {
    long size_kb = -1;
    std::string flags;
};

Mapping mapping_at(const void* p) {
    char start[32];
    std::snprintf(start, sizeof start, "%lx-", static_cast<unsigned long>(reinterpret_cast<std::uintptr_t>(p)));
    std::ifstream in("/proc/self/smaps");
    std::string line;
    Mapping m;
    bool inside = false;
    while (std::getline(in, line)) {
        if (line.find('-') != std::string::npos && line.find(' ') > line.find('-') &&
            line.find_first_not_of("0123456789abcdef") == line.find('-')) {
            inside = line.rfind(start, 0) == 0;
            continue;
        }
        if (!inside) continue;
        if (line.rfind("Size:", 0) == 0) std::istringstream(line.substr(5)) >> m.size_kb;
        if (line.rfind("VmFlags:", 0) == 0) m.flags = line.substr(8) + " ";
    }
    return m;
}

/// An empty archive register (the schema's pages only).
std::string empty_register() {
    const std::string dir = test::temp_dir("search-cache") + "/A";
    archive::Register::open(dir, true);
    return dir;
}

}  // namespace

TEST_CASE("a search process's page cache is one huge-page region, used before any malloc'd page") {
    const std::string dir = empty_register();
    const int rc = in_child([&] {
        const void* region = archive::use_huge_page_cache();
        CHILD_CHECK(region != nullptr, 1);
        CHILD_CHECK(reinterpret_cast<std::uintptr_t>(region) % (2u << 20) == 0, 2);
        const Mapping m = mapping_at(region);
        CHILD_CHECK(m.size_kb == 2048, 3);
        CHILD_CHECK(m.flags.find(" hg ") != std::string::npos, 4);  // MADV_HUGEPAGE
        archive::SearchQuery q;
        q.text = "beslut";
        const auto found = archive::search_counted(dir, q);
        CHILD_CHECK(found.hits.empty(), 5);
        CHILD_CHECK(region_pages_used() > 0, 6);
        sqlite3_int64 now = 0, overflow = 0;
        sqlite3_status64(SQLITE_STATUS_PAGECACHE_OVERFLOW, &now, &overflow, 0);
        CHILD_CHECK(overflow == 0, 7);  // no page buffer came from malloc
        // SQLite is initialised now: a second call changes nothing.
        CHILD_CHECK(archive::use_huge_page_cache() == nullptr, 8);
        return 0;
    });
    CHECK(rc == 0);
}

TEST_CASE("without the call, no page comes from a configured region (the check above can fail)") {
    const std::string dir = empty_register();
    const int rc = in_child([&] {
        archive::SearchQuery q;
        q.text = "beslut";
        archive::search_counted(dir, q);
        CHILD_CHECK(region_pages_used() == 0, 1);
        return 0;
    });
    CHECK(rc == 0);
}

TEST_CASE("the register's pages are 4 KiB, the size the region's slots are made for") {
    const std::string dir = empty_register();
    const archive::Register reg = archive::Register::open_read_only(dir);
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(reg.db(), "PRAGMA page_size", -1, &s, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(s) == SQLITE_ROW);
    CHECK(sqlite3_column_int(s, 0) == 4096);
    sqlite3_finalize(s);
}
