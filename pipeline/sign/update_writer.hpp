// INTERNAL to sign/: writes one incremental update by hand (ISO 32000-1 §7.5.6) after the
// unchanged bytes of a PDF: the objects given, then a classic cross-reference section or a
// cross-reference stream (whichever the input's last section is), the trailer, startxref, %%EOF.
#pragma once

#include "core/files.hpp"
#include "sign/document.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace kansli::sign::detail {

/// What the update's trailer carries over from the input (as PDF text, e.g. "1 0 R").
struct TrailerInfo {
    std::string root;            ///< /Root value, required
    std::string info;            ///< /Info value, or empty
    std::string first_id;        ///< raw bytes of /ID's first element, or empty (then both are derived)
    std::size_t size = 0;        ///< at least this /Size (the input's)
    std::size_t prev = 0;        ///< byte offset of the input's last cross-reference section
    bool xref_stream = false;    ///< the input's last section is a cross-reference stream
    int xref_stream_number = 0;  ///< object number for our xref stream (when xref_stream)
};

/// The TrailerInfo of an update after the opened document `d`.
TrailerInfo trailer_info(const Document& d);

/// Collects objects, then lays them out after the input.
class UpdateWriter final {
public:
    /// `text` is everything between "N G obj\n" and "\nendobj" (a value, or a dictionary followed
    /// by "stream\n...\nendstream"). A number added twice keeps the last text.
    void add(int number, int generation, std::string text);

    /// The input followed by the update. `offsets` receives each object's byte offset in the
    /// result (of its "N G obj" line). The second /ID element is the first 16 bytes of SHA-256
    /// over the update's object bytes (deterministic). Throws core::Error on a bad TrailerInfo.
    [[nodiscard]] core::Bytes finish(const core::Bytes& input, const TrailerInfo& trailer,
                                     std::map<int, std::size_t>& offsets) const;

    /// "N G obj\n": the prefix in front of an object's text.
    [[nodiscard]] static std::string header(int number, int generation);

private:
    struct Entry {
        int generation = 0;
        std::string text;
    };
    std::map<int, Entry> m_objects;
};

/// "<< ... /Length N >>\nstream\n" + data + "\nendstream": `dict_keys` are the keys without
/// /Length; with `flate` the data is compressed and /Filter /FlateDecode added.
[[nodiscard]] std::string stream_text(const std::string& dict_keys, const std::string& data, bool flate);

/// A PDF hex string "<...>" of raw bytes.
[[nodiscard]] std::string hex_string(const std::string& bytes);

}  // namespace kansli::sign::detail
