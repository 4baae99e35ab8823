// `kansli inspect`: the document a preflight check reads, what one check finds, and the table of
// checks. A check is a plain function of a Doc; the table (rules.cpp) names its clause, what it
// checks and which claim it bears on, so the list can grow (structure checks for PDF/UA-1 7.x and
// PDF/A-2 6.7 come as functions of the same signature).
#pragma once

#include "core/files.hpp"
#include "pdf/loaded.hpp"
#include "pdf/reader.hpp"
#include "pdf/xmp.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace kansli::inspect {

using OH = QPDFObjectHandle;

namespace detail {
struct Drawn;
struct UsedFont;
}  // namespace detail

/// The file under inspection, opened by the hardened reader (pdf::open). Read-only for checks.
class Doc {
public:
    /// Opens `bytes` (not copied: they must outlive the Doc). Throws pdf::Refused. With `loaded`
    /// (another reader's load of these very bytes, pdf/loaded.hpp) that pdf::adopt finds to be
    /// what opening them would give, reads that QPDF instead of loading the file again; the limits
    /// are charged afresh here either way.
    explicit Doc(std::span<const std::uint8_t> bytes, const pdf::Loaded* loaded = nullptr);
    ~Doc();
    Doc(const Doc&) = delete;
    Doc& operator=(const Doc&) = delete;

    std::span<const std::uint8_t> bytes;          ///< the whole file
    QPDF& pdf() const { return *m_opened.qpdf; }  // read-only: it may be shared (pdf/loaded.hpp)
    const std::vector<OH>& pages() const { return m_opened.pages; }
    std::string xmp;                         ///< the catalog's XMP packet, decoded; empty when it has none
    pdf::XmpClaims claims;                   ///< what the XMP claims
    std::size_t revisions = 0;               ///< %%EOF markers: the original and each incremental update
    std::vector<std::size_t> revision_ends;  ///< where each revision ends (after its %%EOF's end-of-line)

    /// The decoded data of `stream` under the reader's limits (shared by every check of the
    /// file). Throws pdf::Refused beyond them, std::exception when qpdf cannot decode it. A small
    /// stream is decoded once and copied after (a font program is read by two checks); a copy
    /// counts against the limits as decoding it again would.
    std::string read(OH stream) const;

    /// read(), for streams that recur from file to file in a batch (font programs, ICC profiles):
    /// the decoded data comes from this thread's memo when an earlier file had a stream with the
    /// very same raw bytes, /Filter and /DecodeParms (decoding is a function of those alone). It
    /// counts against the limits as decoding it would. Memo bounds (core::ByteMemo):
    /// kRecurringMaxEntry bytes (key + decoded) an entry, kRecurringMaxBytes a thread.
    std::string read_recurring(OH stream) const;
    static constexpr std::size_t kRecurringMaxEntry = std::size_t{4} << 20;
    static constexpr std::size_t kRecurringMaxBytes = std::size_t{8} << 20;

    /// detail::drawn_streams and detail::used_fonts of this file, each walked once (walk.cpp).
    mutable std::unique_ptr<const std::vector<detail::Drawn>> drawn_memo;
    mutable std::unique_ptr<const std::vector<detail::UsedFont>> fonts_memo;

private:
    pdf::SharedOpened m_opened;
    pdf::Limits m_limits;
    mutable pdf::Usage m_used;
    mutable std::map<QPDFObjGen, std::string> m_decoded;  ///< small streams read before
    mutable std::size_t m_decoded_bytes = 0;              ///< their size together
};

/// One problem: the clause it breaks ("ISO 19005-2 6.2.11.4.1"; empty: the check's own) and
/// what is wrong, naming the object ("font F3 (object 12 0) is not embedded").
struct Finding {
    std::string clause;
    std::string message;
};

using CheckFn = std::vector<Finding> (*)(const Doc&);

/// Which claim a check bears on (bit flags): a finding breaks that claim when the file makes it.
enum Applies : std::uint8_t {
    PdfA = 1,        ///< PDF/A-2, every level
    PdfALevelA = 2,  ///< PDF/A-2 level A only
    PdfUA = 4,       ///< PDF/UA-1
};

struct Check {
    std::string clause;        ///< e.g. "ISO 19005-2 6.1.9"
    std::string description;   ///< e.g. "obj and endobj keywords on their own lines"
    std::uint8_t applies = 0;  ///< Applies flags
    CheckFn fn = nullptr;
};

/// kansli's checks, in clause order: file syntax (checks_syntax.cpp), metadata, colour, fonts,
/// annotations and forms (checks_*.cpp).
std::vector<Check> all_checks();

/// At most this many findings are kept per check (a hostile file may have millions).
constexpr std::size_t kMaxFindings = 20;

/// Appends a finding (of `clause`, or of the check's own clause when empty) unless `out` holds
/// kMaxFindings already.
inline void add(std::vector<Finding>& out, const std::string& clause, std::string message) {
    if (out.size() < kMaxFindings) out.push_back({clause, std::move(message)});
}
inline void add(std::vector<Finding>& out, std::string message) { add(out, "", std::move(message)); }

// The families (each returns its rows of the table).
std::vector<Check> syntax_checks();
std::vector<Check> metadata_checks();
std::vector<Check> font_checks();
std::vector<Check> annotation_checks();
std::vector<Check> structure_checks();  ///< pdf::check_structure (checks_structure.cpp)

}  // namespace kansli::inspect
