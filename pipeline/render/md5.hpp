// MD5 (RFC 1321), only to derive the PDF file identifier from the content (PDF 32000-1 §14.4
// suggests MD5 for /ID). Not for security. PoDoFo 0.9.8 does not export its own.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace kansli::render {

/// The 16-byte MD5 digest of `size` bytes at `data`.
std::array<std::uint8_t, 16> md5(const std::uint8_t* data, std::size_t size);

}  // namespace kansli::render
