// PDF/A-2 and PDF/UA-1 output, internal to render/: what a document claims, the XMP that says
// it, and the pass that makes PoDoFo's output conformant.
//
// PoDoFo 0.9.8's writer cannot be told to write "1 0 obj" followed by an end-of-line (it writes
// "1 0 obj<<"), nor an end-of-line before "endstream" and a binary header comment. So every
// build goes through qpdf once, as appended handlingar already did: qpdf parses PoDoFo's output
// and render/pdf_writer.cpp writes the finished graph in ISO 19005-2 6.1 syntax (header with four
// bytes > 127, "obj"/"endobj" on their own lines, the end-of-line before "endstream" that 6.1.7.1
// requires, object streams, a cross-reference stream, /ID). In the same pass: the OutputIntent,
// no /CIDSet, an appearance for every widget, no /NeedAppearances. Deterministic (an /ID of zeros,
// replaced by render's content hash).
#pragma once

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "render/append.hpp"
#include "render/render.hpp"

#include <string>
#include <vector>

namespace kansli::render {

class Tagging;

/// What the XMP claims.
struct Claims {
    bool pdfa = false;   ///< PDF/A-2, level A (pdfaid:part 2, pdfaid:conformance A)
    bool pdfua = false;  ///< PDF/UA-1 (pdfuaid:part 1)
};

/// The claims of a build with `options`: none for Profile::Plain; for PdfA both, unless an
/// attachment does not itself claim PDF/A-2 in its XMP or is not tagged (/MarkInfo /Marked true
/// and a /StructTreeRoot): then none, and one warning per such attachment naming it.
[[nodiscard]] Claims decide_claims(const RenderOptions& options, std::vector<Appended>& attachments,
                                   std::vector<core::Diagnostic>& warnings);

/// The rdf:Description elements of the identification (pdfaid, pdfuaid) and the PDF/A extension
/// schema that describes pdfuaid (ISO 19005-2 6.6.2.3); empty when nothing is claimed.
[[nodiscard]] std::string xmp_identification(const Claims& claims);

/// PoDoFo's bytes `rendered` written again by qpdf: the attachments merged (merge_appended), and
/// with `pdfa` the conformance pass (OutputIntent with the ICC profile at `icc_profile`, /CIDSet
/// removed, an empty /AP /N form for every widget without one, /F 4 on every annotation, no
/// /NeedAppearances) and ISO 19005-2 6.1 syntax. Throws core::Error as merge_appended; exit 2 when
/// the ICC profile cannot be read or is not an RGB display or printer profile.
/// `tags` (when given) writes its structure tree straight into qpdf's document (render/tagging).
[[nodiscard]] core::Bytes rewrite_with_qpdf(const core::Bytes& rendered, std::vector<Appended>& attachments, bool pdfa,
                                            const std::string& icc_profile, const Tagging* tags = nullptr);

}  // namespace kansli::render
