// The one hardened open of an untrusted PDF, shared by build (appended handlingar), validate
// (the attachment check), sign (its input) and verify: a lexical pre-scan (nesting, container
// sizes, object count, capped decoding of the cross-reference streams), then libqpdf with recovery
// as asked, then the object streams decoded under the byte caps and scanned the same way, then
// the page tree walked iteratively (depth, cycles, non-pages, page count). Only then may a caller
// use the QPDF object (its recursive page functions are safe within these bounds).
#pragma once

#include "core/files.hpp"
#include "pdf/limits.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFXRefEntry.hh>

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <stdexcept>
#include <set>
#include <string>
#include <vector>

namespace kansli::pdf {

/// Why a file is refused; each has its own message.
enum class Refusal {
    NotPdf,        ///< no %PDF- header in the first 1024 bytes
    TooLarge,      ///< the file is larger than Limits::file_bytes
    Damaged,       ///< qpdf cannot read it
    Encrypted,     ///< encrypted (any method, any password)
    Nesting,       ///< arrays/dictionaries nested deeper than Limits::nesting
    Container,     ///< one array/dictionary holds more than Limits::container_items tokens, or
                   ///< all of them more than Limits::total_items
    Objects,       ///< more than Limits::objects indirect objects
    StreamBytes,   ///< one stream decodes to more than Limits::stream_decoded_bytes
    DecodedBytes,  ///< the decoded streams together exceed Limits::total_decoded_bytes
    PageTree,      ///< the page tree lies: a cycle, a missing object, a kid that is no page, a bad /Count
    PageDepth,     ///< the page tree is deeper than Limits::page_tree_depth
    Pages,         ///< more than Limits::pages pages, or a /Count that claims more
    NoPages,       ///< no page at all
};

/// A refused file: `what()` says why (no file name), `hint()` what to do.
class Refused : public std::runtime_error {
public:
    Refused(Refusal kind, const std::string& what, std::string hint = {})
        : std::runtime_error(what), m_kind(kind), m_hint(std::move(hint)) {}
    [[nodiscard]] Refusal kind() const { return m_kind; }
    [[nodiscard]] const std::string& hint() const { return m_hint; }

private:
    Refusal m_kind;
    std::string m_hint;
};

struct OpenOptions {
    bool attempt_recovery = false;  ///< let qpdf rebuild a broken cross-reference table
    bool require_pages = true;      ///< refuse a document without pages (NoPages)
    friend bool operator==(const OpenOptions&, const OpenOptions&) = default;
};

/// An opened PDF. `qpdf` reads from `bytes` (owned) or from the caller's span (which must
/// outlive it); `pages` are the leaves of the page tree in order.
struct Opened {
    core::Bytes bytes;
    std::unique_ptr<QPDF> qpdf;
    std::vector<QPDFObjectHandle> pages;
};

/// What one file has used so far of the per-file limits.
struct Usage {
    std::uint64_t decoded = 0;  ///< decoded stream bytes
    std::uint64_t items = 0;    ///< tokens inside arrays and dictionaries
};

/// Opens `pdf` (not copied: it must outlive the result) under `limits`. Throws Refused.
Opened open(std::span<const std::uint8_t> pdf, const Limits& limits, const OpenOptions& options = {});

/// Reads the file at `path` (throws core::Error exit 2 when it cannot be read) and opens it.
Opened open_file(const std::string& path, const Limits& limits, const OpenOptions& options = {});

/// The lexical pre-scan alone (no qpdf): throws Refused. `used` accumulates the container items
/// and the decoded bytes of the cross-reference streams.
void check_bytes(std::span<const std::uint8_t> pdf, const Limits& limits, Usage& used);

/// The checks on a file qpdf has opened (objects, object streams, page tree); returns the pages.
/// Throws Refused. `used` as above (start from what check_bytes left). `scanned`: object streams
/// (numbers) whose decoded bytes the caller has already scanned under the same limits, in a file
/// that holds the very same bytes (verify/revisions.cpp: a later revision of this file, the same
/// object at the same offset, its dictionary without references); they are not decoded again.
/// `xref`: qpdf.getXRefTable() when the caller has read it already (else it is read here).
std::vector<QPDFObjectHandle> check_loaded(QPDF& qpdf, const Limits& limits, Usage& used,
                                           const OpenOptions& options = {}, const std::set<int>* scanned = nullptr,
                                           const std::map<QPDFObjGen, QPDFXRefEntry>* xref = nullptr);

/// The decoded data of `stream` (all of qpdf's filters), refused beyond the byte limits.
std::string read_stream(QPDFObjectHandle stream, const Limits& limits, Usage& used);

/// Charges `bytes` of a stream decoded before and read again from a copy to `used`, refused as
/// read_stream would refuse decoding it again.
void charge_decoded(std::uint64_t bytes, const Limits& limits, Usage& used);

}  // namespace kansli::pdf
