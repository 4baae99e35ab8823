// One document through the checks of ingest: verify every signature, rebuild from the source
// (in memory) and compare, describe. No file is written.
#pragma once

#include "archive/record.hpp"
#include "verify/verify.hpp"

#include <functional>
#include <string>

namespace kansli::archive {

/// An optional ingest step that the lead wires in at merge (see steps in IngestConfig): a
/// preflight of the PDF's conformance claims (`kansli inspect`) or a B-LTA renewal (`kansli ltv`).
/// It gets the record after verification and may refuse it (return a reason) or replace
/// rec.pdf (an LTA step: the new bytes become the archived version). "" = passed.
using IngestStep = std::function<std::string(Record& rec)>;

struct ExamineConfig {
    std::string home;              ///< schemas and templates for the rebuild
    verify::VerifyOptions verify;  ///< trust anchors, CRLs, time
    IngestStep preflight;          ///< empty: not run (until `kansli inspect` exists)
    IngestStep lta;                ///< empty: not run (until `kansli ltv` exists; only with --tsa)
};

/// Fills `rec` from rec.pdf_path (and the source beside it): reads, verifies, rebuilds and
/// compares, describes. rec.accepted is true when every signature passed and the rebuild is
/// identical, not made (with the reason) or there is no source. Never throws for bad input:
/// the reason goes to rec.failure. Throws core::Error only for I/O errors of the archive itself.
void examine(Record& rec, const ExamineConfig& cfg);

/// The source XML beside a signed PDF: "X.pdf" → "X.xml", "X.signerad.pdf" → "X.xml"; "" if none.
std::string source_beside(const std::string& pdf_path);

}  // namespace kansli::archive
