// Byte buffers and file I/O: bounded reads, atomic writes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kansli::core {

using Bytes = std::vector<std::uint8_t>;

/// Reads a whole file. Throws core::Error (exit 2) when it cannot be read or is larger than
/// max_bytes (the hint names the limit).
Bytes read_file(const std::string& path, std::size_t max_bytes = std::size_t{256} << 20);

/// Writes bytes to `path` atomically: a temporary file in the same folder, flushed and fsynced,
/// then renamed over `path`. On any failure the temporary is removed and `path` is untouched.
/// Throws core::Error (exit 2).
void write_file_atomic(const std::string& path, std::string_view bytes);
inline void write_file_atomic(const std::string& path, const Bytes& bytes) {
    write_file_atomic(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

/// True when a and b name the same existing file (same device and inode).
bool same_file(const std::string& a, const std::string& b);

}  // namespace kansli::core
