// PAdES long-term validation revisions (ETSI EN 319 142-1 §5.4, ISO 32000-2 §12.8.4.3): the
// Document Security Store (/DSS with /Certs, /CRLs and /VRI) and document time-stamps
// (/Type /DocTimeStamp, /SubFilter /ETSI.RFC3161), each appended as one incremental update written
// by the same update writer as signatures (update_writer.hpp): signed bytes are never touched.
#pragma once

#include "core/files.hpp"
#include "core/time.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace kansli::sign {

/// A signature or document time-stamp found in a PDF (a signature field's /V).
struct EmbeddedSignature {
    std::string field;                         ///< fully qualified field name, UTF-8
    std::string sub_filter;                    ///< without the slash: ETSI.CAdES.detached, ETSI.RFC3161, ...
    core::Bytes contents;                      ///< /Contents as stored (zero padding included)
    std::array<std::int64_t, 4> byte_range{};  ///< /ByteRange
};

/// Every signed signature field of `pdf` (signatures and document time-stamps), in field order.
/// Throws core::Error (exit 1) when the PDF cannot be read.
[[nodiscard]] std::vector<EmbeddedSignature> embedded_signatures(const core::Bytes& pdf);

/// The /VRI key of a signature: uppercase hex SHA-1 of its /Contents bytes as stored.
[[nodiscard]] std::string vri_key(const core::Bytes& contents);

/// Validation data to add to the DSS (DER). Data already in the DSS is not added twice.
struct DssAddition {
    struct Vri {
        std::vector<core::Bytes> certs;
        std::vector<core::Bytes> crls;
    };
    std::vector<core::Bytes> certs;
    std::vector<core::Bytes> crls;
    std::map<std::string, Vri> vri;  ///< by vri_key()
};

/// The DER certificates and CRLs of the DSS of `pdf` (empty when it has none).
struct DssContent {
    std::vector<core::Bytes> certs;
    std::vector<core::Bytes> crls;
    std::vector<std::string> vri_keys;
};
[[nodiscard]] DssContent read_dss(const core::Bytes& pdf);

/// `pdf` followed by one incremental update holding the merged /DSS (existing streams and VRI
/// entries kept, new ones added, nothing twice), the catalog with /DSS and, for a PDF before 2.0,
/// the developer extension /ESIC level 1 (existing /Extensions kept). Info /ModDate = `time`.
/// Throws core::Error (exit 1) on an unreadable or damaged PDF.
[[nodiscard]] core::Bytes append_dss(const core::Bytes& pdf, const DssAddition& add, core::Instant time);

/// `pdf` followed by one incremental update with a document time-stamp over the whole file:
/// `token(digest)` returns the RFC 3161 token for the SHA-256 of the byte ranges (at most
/// `reserve` bytes). Refuses (exit 1) when an existing signature does not check out.
[[nodiscard]] core::Bytes append_document_timestamp(const core::Bytes& pdf,
                                                    const std::function<core::Bytes(const core::Bytes&)>& token,
                                                    core::Instant time, std::size_t reserve = 16 * 1024);

}  // namespace kansli::sign
