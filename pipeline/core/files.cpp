#include "core/files.hpp"

#include "core/diagnostic.hpp"

#include <cerrno>
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

void write_file_atomic(const std::string& path, std::string_view bytes) {
    std::string dir = ".";
    std::string base = path;
    if (auto slash = path.rfind('/'); slash != std::string::npos) {
        dir = slash == 0 ? "/" : path.substr(0, slash);
        base = path.substr(slash + 1);
    }
    if (base.empty()) throw_io(path, "output path names a directory");
    std::string tmpl = dir + "/." + base + ".tmp-XXXXXX";
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    Fd fd(::mkstemp(name.data()));
    if (fd.get() < 0) throw_io(path, "cannot create a temporary file beside it: " + errno_text());
    std::string tmp(name.data());
    auto fail = [&](const std::string& what) {
        ::unlink(tmp.c_str());
        throw_io(path, what + ": " + errno_text());
    };
    std::size_t off = 0;
    while (off < bytes.size()) {
        ssize_t n = ::write(fd.get(), bytes.data() + off, bytes.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("cannot write");
        }
        off += static_cast<std::size_t>(n);
    }
    if (::fchmod(fd.get(), 0644) != 0) fail("cannot set permissions");
    if (::fsync(fd.get()) != 0) fail("cannot flush");
    if (::close(fd.release()) != 0) fail("cannot close");
    if (::rename(tmp.c_str(), path.c_str()) != 0) fail("cannot rename into place");
}

bool same_file(const std::string& a, const std::string& b) {
    struct stat sa {}, sb {};
    if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace kansli::core
