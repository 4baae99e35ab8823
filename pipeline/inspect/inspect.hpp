// `kansli inspect FILE.pdf [--json]`: a preflight of one PDF. What it claims (PDF/A part and
// level, PDF/UA), its revisions, signature fields, fonts, and the result of every check of the
// table (doc.hpp, all_checks), each finding named by its clause. It does not verify signatures
// (`kansli verify` does).
#pragma once

#include "inspect/doc.hpp"
#include "inspect/fonts.hpp"

#include <span>
#include <string>
#include <vector>

namespace kansli::inspect {

struct SignatureField {
    std::string name;
    bool is_signed = false;
    std::string signer;        ///< /V /Name
    std::string time;          ///< /V /M
    std::string sub_filter;    ///< /V /SubFilter
    std::size_t revision = 0;  ///< 1-based revision whose end the /ByteRange reaches (0: unknown)
};

struct FontRow {
    std::string resource, where;
    FontFacts facts;
};

struct CheckResult {
    Check check;
    std::vector<Finding> findings;
    bool claimed = false;  ///< the file claims what the check bears on: a finding breaks it
};

struct Report {
    std::string file;
    pdf::XmpClaims claims;
    bool pdfa = false, pdfa_level_a = false, pdfua = false;  ///< claims kansli judges (PDF/A-2, PDF/UA-1)
    std::size_t revisions = 0;
    std::vector<SignatureField> signatures;
    std::vector<FontRow> fonts;
    std::vector<CheckResult> results;
    bool pdfa_broken = false, pdfua_broken = false;
    [[nodiscard]] bool broken() const { return pdfa_broken || pdfua_broken; }
};

/// Inspects `bytes` (named `file` in the report) with `checks`. Throws pdf::Refused when the
/// hardened reader refuses the file. A check that throws (qpdf on a damaged object, a limit)
/// becomes a finding: the claim it bears on is then broken (fail closed). `loaded`: as Doc's.
Report inspect(std::span<const std::uint8_t> bytes, const std::string& file,
               const std::vector<Check>& checks = all_checks(), const pdf::Loaded* loaded = nullptr);

/// The human report (every string from the file escaped for display) and the JSON one.
std::string to_text(const Report& r);
std::string to_json(const Report& r);

}  // namespace kansli::inspect
