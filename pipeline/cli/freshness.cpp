#include "cli/freshness.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace kansli::cli {

namespace {

bool newer(const struct timespec& a, const struct timespec& b) {
    return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec);
}

/// True when `path` (relative to dirfd) exists and is not newer than the stamp; a stat failure
/// counts as stale (a vanished entry means the tree changed under us).
bool entry_fresh(int dirfd, const char* path, const struct timespec& stamp, struct stat* st) {
    return ::fstatat(dirfd, path, st, 0) == 0 && !newer(st->st_mtim, stamp);
}

/// Every non-dot entry of the folder `fd` is not newer than the stamp; with `descend`, the same
/// one level down for each entry that is a folder. Closes fd.
bool folder_fresh(int fd, const struct timespec& stamp, bool descend) {
    DIR* dir = ::fdopendir(fd);
    if (dir == nullptr) {
        ::close(fd);
        return false;
    }
    bool fresh = true;
    struct stat st;
    while (fresh) {
        errno = 0;
        const dirent* e = ::readdir(dir);
        if (e == nullptr) {
            fresh = errno == 0;
            break;
        }
        if (e->d_name[0] == '.') continue;
        fresh = entry_fresh(::dirfd(dir), e->d_name, stamp, &st);
        if (fresh && descend && S_ISDIR(st.st_mode)) {
            const int sub = ::openat(::dirfd(dir), e->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            fresh = sub >= 0 && folder_fresh(sub, stamp, false);
        }
    }
    ::closedir(dir);
    return fresh;
}

bool tree_fresh(const char* root, const char* stamp_path) {
    struct stat st;
    if (::stat(stamp_path, &st) != 0) return false;
    const struct timespec stamp = st.st_mtim;
    const int rootfd = ::open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (rootfd < 0) return false;
    bool fresh = entry_fresh(rootfd, "CMakeLists.txt", stamp, &st) && entry_fresh(rootfd, "kansli", stamp, &st) &&
                 entry_fresh(rootfd, "pipeline", stamp, &st);
    if (fresh) {
        const int fd = ::openat(rootfd, "pipeline", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        fresh = fd >= 0 && folder_fresh(fd, stamp, true);
    }
    ::close(rootfd);
    return fresh;
}

}  // namespace

void ensure_wrapper_fresh(char** argv) {
    const char* root_env = std::getenv("KANSLI_WRAPPER_ROOT");
    const char* stamp_env = std::getenv("KANSLI_WRAPPER_STAMP");
    if (root_env == nullptr || stamp_env == nullptr) return;
    const std::string root = root_env, stamp = stamp_env;
    ::unsetenv("KANSLI_WRAPPER_ROOT");
    ::unsetenv("KANSLI_WRAPPER_STAMP");
    if (tree_fresh(root.c_str(), stamp.c_str())) return;
    // Stale: the wrapper builds, then runs the binary again (without the variables).
    ::setenv("KANSLI_WRAPPER_STALE", "1", 1);
    const std::string wrapper = root + "/kansli";
    std::vector<char*> args{const_cast<char*>("/bin/sh"), const_cast<char*>(wrapper.c_str())};
    for (char** a = argv + 1; *a != nullptr; ++a) args.push_back(*a);
    args.push_back(nullptr);
    ::execv("/bin/sh", args.data());
    std::fprintf(stderr, "kansli: error: cannot run the wrapper %s to rebuild: %s\n", wrapper.c_str(),
                 std::strerror(errno));
    std::exit(2);
}

}  // namespace kansli::cli
