#include "archive/report.hpp"

#include "core/utf8.hpp"

#include <cstdio>

namespace kansli::archive {

const char* to_string(Outcome o) {
    switch (o) {
        case Outcome::Archived: return "archived";
        case Outcome::Exists: return "exists";
        case Outcome::Quarantined: return "quarantined";
        case Outcome::Error: return "error";
    }
    return "unknown";
}

std::string outcome_line(Outcome o, const Record& rec, const std::string& detail) {
    std::string line = std::string(to_string(o)) + "  " + (rec.objid.empty() ? "-" : rec.objid) + "  " +
                       core::escape_for_display(rec.pdf_path);
    if (o == Outcome::Archived) {
        line += "  (" + rec.kind + (rec.organ.empty() ? "" : " " + core::escape_for_display(rec.organ)) +
                (rec.date.empty() ? "" : " " + rec.date) + "; " + std::to_string(rec.signatures.size()) +
                " signatures passed; rebuild " + to_string(rec.rebuild) + ")";
    }
    if (!detail.empty()) line += "  " + core::escape_for_display(detail);
    return line;
}

std::string outcome_json(Outcome o, const Record& rec, const std::string& detail) {
    std::string sigs = "[";
    for (std::size_t i = 0; i < rec.signatures.size(); ++i) {
        const auto& s = rec.signatures[i];
        sigs += std::string(i ? ", " : "") + "{\"signer\": " + json_quote(s.signer) +
                ", \"role\": " + json_quote(s.role) + ", \"time\": " + json_quote(s.time) +
                ", \"level\": " + json_quote(s.level) + ", \"verdict\": " + json_quote(s.verdict) + "}";
    }
    sigs += "]";
    return "{\"file\": " + json_quote(rec.pdf_path) + ", \"outcome\": " + json_quote(to_string(o)) +
           ", \"objid\": " + json_quote(rec.objid) + ", \"sha256\": " + json_quote(rec.sha256) +
           ", \"document\": " + json_quote(rec.doc_id) + ", \"kind\": " + json_quote(rec.kind) +
           ", \"organ\": " + json_quote(rec.organ) + ", \"date\": " + json_quote(rec.date) +
           ", \"verdict\": " + json_quote(verify::to_string(rec.report.verdict)) +
           ", \"rebuild\": " + json_quote(to_string(rec.rebuild)) +
           ", \"rebuild_detail\": " + json_quote(rec.rebuild_detail) + ", \"signatures\": " + sigs +
           ", \"detail\": " + json_quote(detail) + "}";
}

}  // namespace kansli::archive
