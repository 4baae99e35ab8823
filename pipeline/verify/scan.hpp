// Byte-level scanning of untrusted PDF bytes, beside libqpdf (the nesting pre-scan is pdf/syntax.hpp):
// revision ends (%%EOF markers), and the exact byte span of keys in one object.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kansli::verify {

/// Offsets just after each "%%EOF" marker and after its end-of-line (CR, LF or CRLF), in file order.
/// A revision of the file ends at one of these offsets.
struct EofMark {
    std::size_t after_marker = 0;  ///< offset just after "%%EOF"
    std::size_t after_eol = 0;     ///< offset after the end-of-line that follows (== after_marker if none)
};
std::vector<EofMark> find_eof_marks(std::span<const std::uint8_t> pdf);

/// The kind of a value token, as the strict tokenizer saw it.
enum class ValueKind : std::uint8_t { Unknown = 0, HexString, LiteralString, Array, Dictionary, Name, Other };

/// One key of a dictionary object as written in the file.
struct KeySpan {
    std::size_t value_begin = 0;          ///< offset of the first byte of the value token
    std::size_t value_end = 0;            ///< offset just after the value
    ValueKind kind = ValueKind::Unknown;  ///< Other: a number, boolean, null or reference
};

/// Parses "N G obj << ... >>" at `offset` (the object's xref offset) with a strict tokenizer and
/// returns the byte spans of the top-level keys `wanted` (e.g. "/ByteRange", "/Contents").
/// Fails (nullopt, with `error` set) when the object is not "num gen obj <<dict>>", a wanted key
/// occurs twice, or nesting exceeds `max_depth`.
struct DictScan {
    std::vector<std::optional<KeySpan>> keys;  ///< parallel to `wanted`
};
std::optional<DictScan> scan_dict_object(std::span<const std::uint8_t> pdf, std::size_t offset, int num, int gen,
                                         const std::vector<std::string>& wanted, std::size_t max_depth,
                                         std::string& error);

/// Decodes a hex string token "<...>" (whitespace allowed, odd final digit padded with 0).
std::optional<std::vector<std::uint8_t>> decode_hex_token(std::span<const std::uint8_t> token);

/// Parses an array token "[n n n n]" of non-negative integers (at most `max_items`).
std::optional<std::vector<std::int64_t>> parse_int_array(std::span<const std::uint8_t> token, std::size_t max_items);

}  // namespace kansli::verify
