// Byte buffers and file I/O: bounded reads, atomic writes, and the rule that no command writes
// over a file it reads.
//
// FILE SAFETY (every command that writes: build, sign, keys, demo)
//  - An output never replaces a file the command reads (InputFiles: same device and inode, or the
//    same canonical path when the output does not exist yet): exit 2 before any work.
//  - Only a regular file is ever replaced: a device node, FIFO, socket or directory named as the
//    output is refused (exit 2). A symbolic link to a regular file is followed: the file it names
//    is replaced and the link stays. "-" is standard output (which must not be a terminal, nor
//    one of the inputs).
//  - A new file gets 0666 minus the umask; a replaced file keeps its permission bits (and, for
//    root, its owner and group).
//  - The bytes go to an unnamed temporary file in the target's folder (Linux O_TMPFILE), are
//    fsynced, linked under a hidden name and renamed over the target in one step, so a kill -9
//    leaves nothing behind. Where O_TMPFILE is not available a named temporary
//    ".NAME.tmp-XXXXXX" is used; such temporaries of ours older than a minute (a killed run's)
//    are removed on the next write to the same target.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace kansli::core {

using Bytes = std::vector<std::uint8_t>;

/// Reads a whole file. Throws core::Error (exit 2) when it cannot be read or is larger than
/// max_bytes (the hint names the limit).
Bytes read_file(const std::string& path, std::size_t max_bytes = std::size_t{256} << 20);

/// True for "-", the output name that means standard output.
[[nodiscard]] inline bool is_stdout(std::string_view path) { return path == "-"; }

/// Writes bytes to `path` following the rules above ("-" = standard output). On any failure a
/// temporary is removed and `path` is untouched. Throws core::Error (exit 2).
void write_file_atomic(const std::string& path, std::string_view bytes);
inline void write_file_atomic(const std::string& path, const Bytes& bytes) {
    write_file_atomic(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

/// Throws core::Error (exit 2) when `path` exists and is not a regular file (after following
/// symbolic links), or is a symbolic link that leads nowhere. "-" is accepted.
void check_writable_target(const std::string& path);

/// True when a and b name the same existing file (same device and inode).
bool same_file(const std::string& a, const std::string& b);

/// The files a command reads. check_output() refuses an output that is one of them.
class InputFiles final {
public:
    /// Records `path` as read, described as `what` ("the private key"). Missing files are
    /// recorded by their canonical path only.
    void add(const std::string& path, std::string what);
    /// Throws core::Error (exit 2, kind "usage", located at `output`) when `output` names one of
    /// the inputs or is not a writable target (check_writable_target). For "-", standard
    /// output is compared with the inputs and must not be a terminal.
    void check_output(const std::string& output) const;

private:
    struct Entry {
        std::string path, what, canonical;
        bool exists = false;
        dev_t dev = 0;
        ino_t ino = 0;
    };
    std::vector<Entry> m_inputs;
};

}  // namespace kansli::core
