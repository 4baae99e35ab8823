#include "core/confine.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace kansli::core {

namespace fs = std::filesystem;

ConfinedFile::ConfinedFile(ConfinedFile&& o) noexcept
    : problem(o.problem), detail(std::move(o.detail)), resolved(std::move(o.resolved)), m_fd(o.m_fd) {
    o.m_fd = -1;
}

ConfinedFile& ConfinedFile::operator=(ConfinedFile&& o) noexcept {
    if (this != &o) {
        if (m_fd >= 0) ::close(m_fd);
        problem = o.problem;
        detail = std::move(o.detail);
        resolved = std::move(o.resolved);
        m_fd = o.m_fd;
        o.m_fd = -1;
    }
    return *this;
}

ConfinedFile::~ConfinedFile() {
    if (m_fd >= 0) ::close(m_fd);
}

void ConfinedFile::set_fd(int fd) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = fd;
}

namespace {

constexpr int kOpenFlags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;

FileProblem from_errno(int e) {
    switch (e) {
        case ENOENT: return FileProblem::NotFound;
        case ELOOP: return FileProblem::Loop;
        case EXDEV: return FileProblem::Outside;
        case ENOTDIR: return FileProblem::NotFolder;
        case EACCES:
        case EPERM: return FileProblem::Denied;
        case EISDIR: return FileProblem::Directory;
        default: return FileProblem::Other;
    }
}

std::string real(const std::string& p) {
    char buf[PATH_MAX];
    return ::realpath(p.c_str(), buf) != nullptr ? std::string(buf) : std::string();
}

bool beneath(const std::string& path, const std::string& root) {
    if (root == "/") return true;
    return path == root ||
           (path.size() > root.size() && path.compare(0, root.size(), root) == 0 && path[root.size()] == '/');
}

/// Kernels before 5.6: resolve, check the prefix, open the result without following a final
/// link, and make sure the file opened is the one that was checked.
int open_fallback(const std::string& root_real, const std::string& full, ConfinedFile& out) {
    const std::string r = real(full);
    if (r.empty()) return -errno;
    if (!beneath(r, root_real)) return -EXDEV;
    const int fd = ::open(r.c_str(), kOpenFlags | O_NOFOLLOW);
    if (fd < 0) return -errno;
    struct stat a {
    }, b{};
    if (::fstat(fd, &a) != 0 || ::stat(r.c_str(), &b) != 0 || a.st_dev != b.st_dev || a.st_ino != b.st_ino) {
        ::close(fd);
        return -EXDEV;  // swapped while we looked
    }
    out.resolved = r;
    return fd;
}

const char* special_kind(mode_t m) {
    if (S_ISFIFO(m)) return "a FIFO (named pipe)";
    if (S_ISSOCK(m)) return "a socket";
    if (S_ISCHR(m)) return "a character device";
    if (S_ISBLK(m)) return "a block device";
    return "not a regular file";
}

}  // namespace

ConfinedFile open_beneath(const std::string& root, const std::string& base_dir, const std::string& rel) {
    ConfinedFile out;
    const std::string root_real = real(root.empty() ? "." : root);
    const std::string base_real = real(base_dir.empty() ? "." : base_dir);
    if (root_real.empty() || base_real.empty()) {
        out.problem = FileProblem::NotFound;
        out.detail = "the folder " + (root_real.empty() ? root : base_dir) + " does not exist";
        return out;
    }
    fs::path inside;  // rel as seen from the root
    if (!rel.empty() && rel.front() == '/') {
        inside = fs::path(rel).lexically_relative(root_real);
    } else if (beneath(base_real, root_real)) {
        inside = fs::path(base_real).lexically_relative(root_real) / rel;
    }
    if (inside.empty() || rel.empty()) {
        out.problem = rel.empty() ? FileProblem::NotFound : FileProblem::Outside;
        return out;
    }
    int fd = -ENOSYS;
    const int dir = ::open(root_real.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) {
        fd = -errno;
    } else {
        open_how how{};
        how.flags = static_cast<std::uint64_t>(kOpenFlags);
        how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
        // Not normalized: "link/.." must mean what the kernel makes of it.
        const long r = ::syscall(SYS_openat2, dir, inside.c_str(), &how, sizeof how);
        fd = r >= 0 ? static_cast<int>(r) : -errno;
        ::close(dir);
    }
    if (fd == -ENOSYS || fd == -EPERM) {  // no openat2 (or a seccomp filter refusing it)
        fd = open_fallback(root_real, root_real + "/" + inside.string(), out);
    }
    out.root = root_real;
    if (fd < 0) {
        out.problem = from_errno(-fd);
        out.detail = std::strerror(-fd);
        // RESOLVE_BENEATH refuses every absolute symbolic link, also one into the root: say so.
        if (fd == -EXDEV && beneath(real(root_real + "/" + inside.string()), root_real)) out.detail = "absolute link";
        return out;
    }
    out.set_fd(fd);
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        out.problem = FileProblem::Other;
        out.detail = std::strerror(errno);
        return out;
    }
    if (S_ISDIR(st.st_mode)) {
        out.problem = FileProblem::Directory;
        return out;
    }
    if (!S_ISREG(st.st_mode)) {
        out.problem = FileProblem::Special;
        out.detail = special_kind(st.st_mode);
        return out;
    }
    if (out.resolved.empty()) out.resolved = real("/proc/self/fd/" + std::to_string(fd));
    if (out.resolved.empty()) out.resolved = root_real + "/" + inside.lexically_normal().string();
    out.problem = FileProblem::None;
    return out;
}

std::string describe(const ConfinedFile& f) {
    switch (f.problem) {
        case FileProblem::None: return "can be read";
        case FileProblem::NotFound:
            return f.detail.rfind("the folder", 0) == 0 ? "cannot be found (" + f.detail + ")" : "does not exist";
        case FileProblem::Directory: return "is a folder, not a file";
        case FileProblem::Special: return "is " + f.detail + ", not a regular file";
        case FileProblem::Loop: return "is a loop of symbolic links";
        case FileProblem::Outside:
            return f.detail == "absolute link" ? "is an absolute symbolic link (only relative links are followed)"
                                               : "lies outside the folder kansli may read (--root)";
        case FileProblem::NotFolder: return "has a path through something that is not a folder";
        case FileProblem::Denied: return "cannot be read (permission denied)";
        case FileProblem::Other: break;
    }
    return "cannot be opened (" + f.detail + ")";
}

std::string read_head(const ConfinedFile& f, std::size_t max_bytes) {
    std::string out(max_bytes, '\0');
    std::size_t got = 0;
    while (f.fd() >= 0 && got < max_bytes) {
        const ssize_t n = ::pread(f.fd(), out.data() + got, max_bytes - got, static_cast<off_t>(got));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    out.resize(got);
    return out;
}

}  // namespace kansli::core
