// What identifies one version of a file for the caches that keep parsed files across documents
// (fonts, schemas): a changed file must never be served from a cache.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace kansli::core {

/// Device, inode, size, modification and status-change time (nanoseconds) of a file, after
/// following symbolic links. Writing to the file changes its ctime and replacing it (rename,
/// a new copy) its inode, so an equal stamp means the same bytes in practice: setting a file's
/// mtime back (touch -d) still moves its ctime, which no unprivileged program can set.
struct FileStamp {
    std::uint64_t dev = 0, ino = 0, size = 0;
    std::int64_t mtime_ns = 0, ctime_ns = 0;
    bool operator==(const FileStamp&) const = default;
};

/// The stamp of `path`, or nullopt when it cannot be stat'ed or is not a regular file.
std::optional<FileStamp> file_stamp(const std::string& path);

/// The same of a directory (adding, removing or renaming an entry changes its times), or nullopt
/// when `path` cannot be stat'ed or is not a directory.
std::optional<FileStamp> dir_stamp(const std::string& path);

/// Whether both times of `st` are more than two seconds old. A change within the same clock tick
/// as the state stamped could leave every field equal, so a cache keyed by stamps trusts only a
/// settled state: every later change then gives a later time.
bool settled(const FileStamp& st);

}  // namespace kansli::core
