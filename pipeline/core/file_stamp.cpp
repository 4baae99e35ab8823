#include "core/file_stamp.hpp"

#include <ctime>

#include <sys/stat.h>

namespace kansli::core {

namespace {

std::optional<FileStamp> stamp(const std::string& path, bool dir) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || (dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode))) return std::nullopt;
    auto ns = [](const struct timespec& t) { return std::int64_t{t.tv_sec} * 1000000000 + t.tv_nsec; };
    return FileStamp{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
                     static_cast<std::uint64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim)};
}

}  // namespace

std::optional<FileStamp> file_stamp(const std::string& path) { return stamp(path, false); }

std::optional<FileStamp> dir_stamp(const std::string& path) { return stamp(path, true); }

bool settled(const FileStamp& st) {
    const std::int64_t recent = (static_cast<std::int64_t>(std::time(nullptr)) - 2) * 1000000000;
    return st.mtime_ns < recent && st.ctime_ns < recent;
}

}  // namespace kansli::core
