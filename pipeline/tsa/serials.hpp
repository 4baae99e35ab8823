// Time-stamp serial numbers, unique across restarts and across servers sharing one state file.
//
// The state file holds the next serial not yet handed out ("next N"). A server reserves a block
// of serials at a time: under an exclusive flock on "<file>.lock" it reads N, writes N + block
// through core::write_file_atomic (temporary file, fsync, rename) and only then serves N..N+block-1
// from memory. A restart or a second server therefore always starts after every serial any server
// may have used; a crash leaves a gap, never a repeat.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

namespace kansli::tsa {

class SerialStore {
public:
    /// Opens (creating when missing) the state file `path`. Throws core::Error (exit 2) when the
    /// file cannot be read, locked or written, or holds something else than "next N".
    explicit SerialStore(std::string path, std::uint64_t block = 256);

    /// The next serial (≥ 1). Thread-safe. Throws core::Error (exit 2) when a block cannot be reserved.
    std::uint64_t next();

    [[nodiscard]] const std::string& path() const { return m_path; }

private:
    void reserve_block();

    std::string m_path;
    std::uint64_t m_block;
    std::uint64_t m_next = 0;  ///< next serial to hand out
    std::uint64_t m_end = 0;   ///< end of the reserved block (exclusive)
    std::mutex m_mutex;
};

}  // namespace kansli::tsa
