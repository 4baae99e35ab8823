#include "tsa/serials.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <unistd.h>

namespace kansli::tsa {
namespace {

// The advisory lock on "<state>.lock", released when the descriptor closes.
class FileLock {
public:
    explicit FileLock(const std::string& path) {
        m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (m_fd < 0) core::throw_io(path, std::string("cannot open the serial lock file: ") + std::strerror(errno));
        while (::flock(m_fd, LOCK_EX) != 0) {
            if (errno != EINTR) {
                const int e = errno;
                ::close(m_fd);
                core::throw_io(path, std::string("cannot lock the serial state: ") + std::strerror(e));
            }
        }
    }
    ~FileLock() { ::close(m_fd); }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int m_fd = -1;
};

std::uint64_t read_next(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return 1;
    const core::Bytes b = core::read_file(path, 256);
    std::string s(b.begin(), b.end());
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    std::uint64_t n = 0;
    const char* first = s.data() + 5;
    const char* last = s.data() + s.size();
    if (s.rfind("next ", 0) != 0 || std::from_chars(first, last, n).ptr != last || n == 0) {
        core::throw_io(path, "not a kansli TSA serial state file (expected 'next N')",
                       "give --serial-file a file of its own; never edit it by hand");
    }
    return n;
}

}  // namespace

SerialStore::SerialStore(std::string path, std::uint64_t block) : m_path(std::move(path)), m_block(block) {
    std::lock_guard<std::mutex> g(m_mutex);
    reserve_block();  // fails at start-up, not at the first request, when the file is unusable
}

void SerialStore::reserve_block() {
    FileLock lock(m_path + ".lock");
    const std::uint64_t n = read_next(m_path);
    if (n > UINT64_MAX - m_block) core::throw_io(m_path, "serial numbers exhausted");
    core::write_file_atomic(m_path, "next " + std::to_string(n + m_block) + "\n");
    // The rename is durable only once the folder is synced too.
    const auto dir = std::filesystem::path(m_path).parent_path();
    const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || ::fsync(dfd) != 0) {
        if (dfd >= 0) ::close(dfd);
        core::throw_io(m_path, "cannot sync the folder of the serial state file");
    }
    ::close(dfd);
    m_next = n;
    m_end = n + m_block;
}

std::uint64_t SerialStore::next() {
    std::lock_guard<std::mutex> g(m_mutex);
    if (m_next >= m_end) reserve_block();
    return m_next++;
}

}  // namespace kansli::tsa
