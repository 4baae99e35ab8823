#include "core/files.hpp"

#include "core/diagnostic.hpp"

#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <dirent.h>
#include <filesystem>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace kansli::core {

namespace {
std::string errno_text() { return std::strerror(errno); }

class Fd final {
public:
    explicit Fd(int fd) : m_fd(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (m_fd >= 0) ::close(m_fd);
    }
    [[nodiscard]] int get() const { return m_fd; }
    int release() {
        int fd = m_fd;
        m_fd = -1;
        return fd;
    }

private:
    int m_fd;
};
}  // namespace

Bytes read_file(const std::string& path, std::size_t max_bytes) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) throw_io(path, "cannot open: " + errno_text());
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) throw_io(path, "cannot stat: " + errno_text());
    if (S_ISDIR(st.st_mode)) throw_io(path, "is a directory, not a file");
    Bytes out;
    if (S_ISREG(st.st_mode)) {
        if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
            throw_io(path, "file is too large (" + std::to_string(st.st_size) + " bytes)",
                     "the limit is " + std::to_string(max_bytes) + " bytes");
        }
        out.reserve(static_cast<std::size_t>(st.st_size));
    }
    std::uint8_t buf[65536];
    for (;;) {
        ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_io(path, "cannot read: " + errno_text());
        }
        if (n == 0) break;
        if (out.size() + static_cast<std::size_t>(n) > max_bytes) {
            throw_io(path, "file is too large", "the limit is " + std::to_string(max_bytes) + " bytes");
        }
        out.insert(out.end(), buf, buf + n);
    }
    return out;
}

namespace {

std::string describe_type(mode_t m) {
    if (S_ISDIR(m)) return "a directory";
    if (S_ISCHR(m)) return "a character device";
    if (S_ISBLK(m)) return "a block device";
    if (S_ISFIFO(m)) return "a FIFO";
    if (S_ISSOCK(m)) return "a socket";
    return "not a regular file";
}

void write_all(int fd, std::string_view bytes, const std::string& path) {
    std::size_t off = 0;
    while (off < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_io(path, "cannot write: " + errno_text());
        }
        off += static_cast<std::size_t>(n);
    }
}

void write_stdout(std::string_view bytes) {
    write_all(STDOUT_FILENO, bytes, "-");
    struct stat st {};
    if (::fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode) && ::fsync(STDOUT_FILENO) != 0) {
        throw_io("-", "cannot flush: " + errno_text());
    }
}

mode_t current_umask() {
    const mode_t m = ::umask(0);  // kansli is single-threaded when it writes
    ::umask(m);
    return m;
}

struct Place {
    std::string target;  ///< the file to replace (a symbolic link resolved)
    std::string dir, base;
    bool exists = false;
    struct stat st {};
};

Place place_of(const std::string& path) {
    check_writable_target(path);
    Place p;
    p.target = path;
    if (::stat(path.c_str(), &p.st) == 0) {
        p.exists = true;
        struct stat lst {};
        if (::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
            char* real = ::realpath(path.c_str(), nullptr);
            if (!real) throw_io(path, "cannot resolve the symbolic link: " + errno_text());
            p.target = real;
            std::free(real);
        }
    }
    p.dir = ".";
    p.base = p.target;
    if (auto slash = p.target.rfind('/'); slash != std::string::npos) {
        p.dir = slash == 0 ? "/" : p.target.substr(0, slash);
        p.base = p.target.substr(slash + 1);
    }
    if (p.base.empty()) throw_io(path, "output path names a directory");
    return p;
}

// Removes ".BASE.tmp-*" regular files of this user older than a minute: a killed run's.
void remove_stale_temporaries(const Place& p) {
    DIR* d = ::opendir(p.dir.c_str());
    if (!d) return;
    const std::string prefix = "." + p.base + ".tmp-";
    const std::time_t now = std::time(nullptr);
    while (const dirent* e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name.size() != prefix.size() + 6 || name.compare(0, prefix.size(), prefix) != 0) continue;
        const std::string full = p.dir + "/" + name;
        struct stat st {};
        if (::lstat(full.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid()) continue;
        if (now - st.st_mtime >= 60) ::unlink(full.c_str());
    }
    ::closedir(d);
}

// Permission bits (and owner, when allowed) of the new file before it gets its name.
void set_mode(int fd, const Place& p, const std::string& path) {
    const mode_t mode = p.exists ? (p.st.st_mode & 07777) : (0666 & ~current_umask());
    if (p.exists && ::geteuid() == 0) (void)::fchown(fd, p.st.st_uid, p.st.st_gid);
    if (::fchmod(fd, mode) != 0) throw_io(path, "cannot set permissions: " + errno_text());
}

// Unnamed temporary (O_TMPFILE), linked under a hidden name. Returns that name, or "" when the
// file system or kernel cannot do it (then the caller uses a named temporary).
std::string write_unnamed(const Place& p, std::string_view bytes, const std::string& path) {
#ifdef O_TMPFILE
    Fd fd(::open(p.dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600));
    if (fd.get() < 0) return {};
    write_all(fd.get(), bytes, path);
    set_mode(fd.get(), p, path);
    if (::fsync(fd.get()) != 0) throw_io(path, "cannot flush: " + errno_text());
    const std::string proc = "/proc/self/fd/" + std::to_string(fd.get());
    static unsigned counter = 0;
    for (int attempt = 0; attempt < 100; ++attempt) {
        char suffix[16];
        std::snprintf(suffix, sizeof suffix, "%06x",
                      (static_cast<unsigned>(::getpid()) * 2654435761u + ++counter * 40503u) & 0xFFFFFFu);
        const std::string name = p.dir + "/." + p.base + ".tmp-" + suffix;
        if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) return name;
        if (errno == EEXIST) continue;
        if (::linkat(fd.get(), "", AT_FDCWD, name.c_str(), AT_EMPTY_PATH) == 0) return name;
        return {};
    }
#else
    (void)p, (void)bytes, (void)path;
#endif
    return {};
}

std::string write_named(const Place& p, std::string_view bytes, const std::string& path) {
    std::string tmpl = p.dir + "/." + p.base + ".tmp-XXXXXX";
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    Fd fd(::mkstemp(name.data()));
    if (fd.get() < 0) throw_io(path, "cannot create a temporary file beside it: " + errno_text());
    std::string tmp(name.data());
    try {
        write_all(fd.get(), bytes, path);
        set_mode(fd.get(), p, path);
        if (::fsync(fd.get()) != 0) throw_io(path, "cannot flush: " + errno_text());
        if (::close(fd.release()) != 0) throw_io(path, "cannot close: " + errno_text());
    } catch (...) {
        ::unlink(tmp.c_str());
        throw;
    }
    return tmp;
}

}  // namespace

void check_writable_target(const std::string& path) {
    if (is_stdout(path)) return;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            throw Error(ExitCode::Usage, "usage", {path, 0, 0},
                        "refusing to replace " + describe_type(st.st_mode) + " with the output",
                        "kansli writes only regular files; give another -o, or -o - for standard output");
        }
        return;
    }
    struct stat lst {};
    if (::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
        throw Error(ExitCode::Usage, "usage", {path, 0, 0}, "the output is a symbolic link that leads nowhere",
                    "remove the link or give another -o");
    }
}

void write_file_atomic(const std::string& path, std::string_view bytes) {
    if (is_stdout(path)) return write_stdout(bytes);
    const Place p = place_of(path);
    remove_stale_temporaries(p);
    std::string tmp = write_unnamed(p, bytes, path);
    if (tmp.empty()) tmp = write_named(p, bytes, path);
    if (::rename(tmp.c_str(), p.target.c_str()) != 0) {
        const std::string why = errno_text();
        ::unlink(tmp.c_str());
        throw_io(path, "cannot rename into place: " + why);
    }
}

bool same_file(const std::string& a, const std::string& b) {
    struct stat sa {
    }, sb{};
    if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace kansli::core

namespace kansli::core {

namespace {
std::string canonical_of(const std::string& path) {
    std::error_code ec;
    auto abs = std::filesystem::absolute(path, ec);
    if (ec) return path;
    auto canon = std::filesystem::weakly_canonical(abs, ec);
    return ec ? abs.lexically_normal().string() : canon.string();
}
}  // namespace

void InputFiles::add(const std::string& path, std::string what) {
    if (path.empty() || is_stdout(path)) return;
    Entry e{path, std::move(what), canonical_of(path)};
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        e.exists = true;
        e.dev = st.st_dev;
        e.ino = st.st_ino;
    }
    m_inputs.push_back(std::move(e));
}

void InputFiles::check_output(const std::string& output) const {
    struct stat st {};
    bool exists = false;
    if (is_stdout(output)) {
        if (::isatty(STDOUT_FILENO)) {
            throw Error(ExitCode::Usage, "usage", {output, 0, 0}, "refusing to write a PDF to a terminal",
                        "redirect standard output to a file or a pipe, or give -o OUT.pdf");
        }
        exists = ::fstat(STDOUT_FILENO, &st) == 0;
    } else {
        check_writable_target(output);
        exists = ::stat(output.c_str(), &st) == 0;
    }
    const std::string canonical = is_stdout(output) ? std::string() : canonical_of(output);
    for (const auto& in : m_inputs) {
        const bool same = (exists && in.exists && st.st_dev == in.dev && st.st_ino == in.ino) ||
                          (!canonical.empty() && canonical == in.canonical);
        if (same) {
            throw Error(ExitCode::Usage, "usage", {output, 0, 0},
                        "refusing to write the output over " + in.what + " (" + in.path + ")",
                        "no command writes over a file it reads; choose another output");
        }
    }
}

}  // namespace kansli::core
