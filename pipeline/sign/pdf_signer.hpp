// `sign_pdf`: adds one PAdES B-B signature (/SubFilter /ETSI.CAdES.detached) to a PDF as an
// incremental update, in memory. The one entry point of the PDF signing protocol.
#pragma once

#include "cms/encode.hpp"
#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "core/roles.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kansli::sign {

/// The signer's role: the one type of core/roles.hpp (parse_role, role_label).
using Role = core::SignerRole;
using core::parse_role;
using core::role_label;

/// A value for an existing, empty text field (/FT /Tx) filled in the same update: /V and a
/// one-line appearance (e.g. the ANSLAG/BEVIS dates, see text_fields.hpp).
struct TextValue {
    std::string field;  ///< /T
    std::string value;  ///< UTF-8
};

struct SignRequest {
    cms::Signer* signer = nullptr;     ///< the private-key operation (not owned)
    core::Bytes certificate;           ///< DER signer certificate
    std::vector<core::Bytes> chain;    ///< DER intermediates, no root
    std::string signer_name;           ///< UTF-8, from the certificate CN: appearance and messages
    std::string organization;          ///< UTF-8, the certificate's O: whom the signer signs for
    Role role = Role::Unknown;         ///< picks the field: Sekreterare / first unsigned Justerare… / Ordförande
    std::string field;                 ///< explicit field name (/T); overrides role
    std::string reason;                ///< /Reason, UTF-8, optional
    std::string location;              ///< /Location, UTF-8, optional
    core::Instant time;                ///< /M (UTC) and the date shown in the appearance
    bool any_order = false;            ///< ignore /KANS_SigningOrder
    std::string font_path;             ///< TrueType font of the appearance (Liberation Sans)
    std::size_t contents_margin = 32;  ///< bytes reserved in /Contents beyond the dry-run CMS size
    core::DiagSink* diags = nullptr;   ///< optional: notes (which field, xref-stream rewrite)
    /// Unsigned attributes of the SignerInfo computed from the signature value (PAdES B-T: the
    /// signature time-stamp), and the bytes reserved for them in /Contents (see cms::SignedDataInput).
    std::function<std::vector<core::Bytes>(const core::Bytes& signature_value)> unsigned_attributes{};
    std::size_t unsigned_attributes_reserve = 0;
    /// A document time-stamp instead of a signature (PAdES B-LTA, sign/ltv.hpp): /Type
    /// /DocTimeStamp, /SubFilter /ETSI.RFC3161, a new invisible field; /Contents is the token this
    /// returns for the SHA-256 of the byte ranges, in a hole of `document_timestamp_reserve` bytes.
    std::function<core::Bytes(const core::Bytes& digest)> document_timestamp{};
    std::size_t document_timestamp_reserve = 0;
    std::vector<TextValue> text_values;  ///< text fields filled by the same update (signed with it)
    bool new_field = false;              ///< req.field may be a new invisible field even in a prepared PDF
};

/// Signs `pdf` and returns the new file: the input bytes unchanged (plus one "\n" when it does
/// not end in an end-of-line), then one incremental update written by hand: the signature
/// dictionary, the field/widget (with a visible appearance when its rectangle is not empty), the
/// AcroForm, the catalog or page only when they must change, and Info (ModDate = req.time); a
/// classic xref section with /Prev, or a cross-reference stream with /Prev when the input's last
/// section is one. The input is read with libqpdf; PoDoFo is not used.
/// Picks the field by req.field, else req.role, else the next unsigned field of
/// /KANS_SigningOrder; adds a new invisible field on the last page when the PDF has no field
/// (or only signed ones and no signing order).
/// Throws core::Error (exit 1) when it refuses: not a PDF, unreadable, damaged (qpdf could open
/// it only by reconstructing its cross-reference table: the hint says to repair it first),
/// encrypted, nesting deeper than 64, an existing signature that does not check out, no such
/// field, field already signed, signing order violated (unless any_order). Deterministic: same
/// input and request ⇒ same bytes (for a deterministic signer).
[[nodiscard]] core::Bytes sign_pdf(const core::Bytes& pdf, const SignRequest& req);

// sign_pdf in its two halves, which `kansli sign --prepare` / `--complete` run in two processes
// with the private key elsewhere (sign/external.hpp): prepare → reserve → patch → hash, then
// [the signature] → the CMS into /Contents. sign_pdf(pdf, req) = complete_pdf(prepare_pdf(pdf, req), req).

/// The PDF with its whole signature revision written, /ByteRange filled and /Contents all zeros.
struct PreparedPdf {
    core::Bytes pdf;
    std::size_t hole_begin = 0;                        ///< offset of the '<' of /Contents
    std::size_t hole_end = 0;                          ///< offset after its '>'
    core::Bytes content_digest;                        ///< SHA-256 of the two byte ranges (the CMS message digest)
    std::string field;                                 ///< name of the field being signed
    bool new_field = false;                            ///< a new invisible field was added
    std::vector<core::Bytes> extra_signed_attributes;  ///< e.g. a protokoll's § proof root (sign/proof_root.hpp)
};

/// Everything of sign_pdf before the signature: the same refusals; req.signer gives only its
/// algorithm() and max_signature_size() (the size reserved), never sign_digest().
[[nodiscard]] PreparedPdf prepare_pdf(const core::Bytes& pdf, const SignRequest& req);

/// The CMS by req.signer over prepared.content_digest, hex into the hole. Throws core::Error
/// (exit 1) when the signer refuses or the CMS does not fit the reserved /Contents.
[[nodiscard]] core::Bytes complete_pdf(PreparedPdf prepared, const SignRequest& req);

/// The CMS encoder's input for `req` (certificate, chain, unsigned attributes): one place for
/// both halves, so that a completed signature is the one a one-step signature would be.
[[nodiscard]] cms::SignedDataInput signed_data_input(const SignRequest& req, const core::Bytes& content_digest,
                                                     const std::vector<core::Bytes>& extra_signed_attributes = {});

}  // namespace kansli::sign
