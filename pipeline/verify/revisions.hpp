// The revisions of one signed file loaded with libqpdf: the final one (the whole file) and each
// prefix file[0, end) that a signature claims to close, each loaded at most once.
#pragma once

#include "pdf/reader.hpp"
#include "verify/xref_tables.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFXRefEntry.hh>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>

namespace kansli::verify {

class Revisions {
public:
    /// `pdf` (the file's bytes, not copied: it must outlive this) up to `end`, the end of the last
    /// revision (after its %%EOF and end-of-line). Each revision is checked by the shared hardened
    /// reader (pdf::check_loaded: objects, object streams, page tree) under `limits` once loaded,
    /// starting from what the pre-scan used (`used`).
    Revisions(std::span<const std::uint8_t> pdf, std::size_t end, const pdf::Limits& limits = pdf::default_limits(),
              const pdf::Usage& used = {})
        : m_pdf(pdf), m_end(end), m_limits(limits), m_used(used) {}

    /// Loads the final revision file[0, end) (recovery off, warnings suppressed) and its xref
    /// table. False, with qpdf's message in `error`, when it does not load.
    bool load_final(std::string& error);

    /// The final revision; load_final() must have returned true.
    QPDF& final_pdf() { return *m_final; }
    /// Hands the final revision over (verify_pdf's keep_final, after every check): loaded as
    /// pdf::open(file[0, end), limits, {false, false}) loads it. final_pdf() is unusable after.
    std::unique_ptr<QPDF> take_final() {
        if (m_final) m_xrefs.forget(*m_final);
        return std::move(m_final);
    }
    /// The final revision's cross-reference table (object → entry), read once; load_final() first.
    const XRefTable& final_xref() { return m_xrefs.of(*m_final); }
    /// The cross-reference table of each revision loaded, read once (for the comparisons).
    XRefTables& xrefs() { return m_xrefs; }
    /// The shared reader's page-tree walk of the final revision found at least one page.
    [[nodiscard]] bool final_has_pages() const { return m_final_has_pages; }

    /// The revision file[0, end), loaded on first use and kept (the final one when `end` is its
    /// end). nullptr when it does not load; `error` gets qpdf's message on the first attempt only.
    QPDF* at(std::size_t end, std::string& error);

private:
    std::span<const std::uint8_t> m_pdf;
    std::size_t m_end = 0;
    pdf::Limits m_limits;
    pdf::Usage m_used;
    /// The tables of m_final and m_revs, keyed by those QPDFs' addresses (never dereferenced).
    XRefTables m_xrefs;
    std::unique_ptr<QPDF> m_final;
    /// Object streams of the final revision scanned by its load, with their offsets, whose
    /// dictionaries hold no reference: an earlier revision with one at the same offset has the
    /// same bytes, and its load does not decode and scan them again.
    std::map<int, qpdf_offset_t> m_final_objstms;
    bool m_final_has_pages = false;
    std::map<std::size_t, std::unique_ptr<QPDF>> m_revs;
};

}  // namespace kansli::verify
