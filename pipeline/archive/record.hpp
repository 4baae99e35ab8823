// What ingest learns about one document: the facts the package and the register are made of.
#pragma once

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "core/time.hpp"
#include "verify/verify.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kansli::pdf {
struct Loaded;  // pdf/loaded.hpp
}  // namespace kansli::pdf

namespace kansli::archive {

struct ParagraphFact {
    int number = 0;
    std::string title;
    std::string text;  ///< plain text of summary, proposal, motions, decision (for full-text search)
};

struct SignatureFact {
    std::string signer, role, field, time, level, verdict;
};

/// One file of a package, as the METS fileSec and the register describe it.
struct PackageFile {
    std::string path;  ///< relative to the package root, '/' separated
    std::string mime;
    std::uint64_t size = 0;
    std::string sha256;
};

/// The outcome of rebuilding the source and comparing it with the first revision.
enum class Rebuild : std::uint8_t { NoSource, Identical, Differs, NotMade };
/// "no-source", "identical", "differs", "not-made". Inline: the register (linked by the lean
/// binary's search) needs it without the rebuild's code.
inline const char* to_string(Rebuild r) {
    switch (r) {
        case Rebuild::NoSource: return "no-source";
        case Rebuild::Identical: return "identical";
        case Rebuild::Differs: return "differs";
        case Rebuild::NotMade: return "not-made";
    }
    return "unknown";
}

struct Record {
    // Input
    std::string pdf_path;                 ///< the signed PDF as given
    std::string source_path;              ///< the source XML beside it (same stem), or ""
    std::vector<std::string> handlingar;  ///< files the source names (absolute, checked beneath its folder)
    core::Bytes pdf;
    core::Bytes source;
    // Identity
    std::string sha256;  ///< of the signed PDF: the version
    std::string doc_id;  ///< the document across versions: its trailer /ID[0] (hex), else sha256
    std::string objid;   ///< package id and folder name (from sha256)
    // Verification
    verify::VerifyReport report;
    std::string report_text, report_json;
    std::vector<SignatureFact> signatures;
    /// The final revision verify loaded, for the preflight to read instead of loading rec.pdf again
    /// (verify_pdf's keep_final; null when it may differ). It reads rec.pdf's buffer: examine drops
    /// it right after the preflight, before anything may replace rec.pdf.
    std::shared_ptr<const pdf::Loaded> verified_pdf;
    // Rebuild
    Rebuild rebuild = Rebuild::NoSource;
    std::string rebuild_detail;
    std::string built_at;  ///< the build date stored in the PDF (ISO 8601), or ""
    // Description (from the source when there is one)
    std::string kind = "okänd", organisation, organ, date;
    std::vector<ParagraphFact> paragraphs;
    // Verdict
    bool accepted = false;
    std::string failure;     ///< why not (first reason)
    core::Instant ingested;  ///< the ingest time (injected)
};

}  // namespace kansli::archive
