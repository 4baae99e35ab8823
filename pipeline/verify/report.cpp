#include "verify/report.hpp"

#include "core/utf8.hpp"

#include <cstdio>

namespace kansli::verify {
namespace {

std::string q(const std::string& s) { return core::json_quote(s); }

std::string list(const std::vector<std::string>& v) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + q(v[i]);
    return out + "]";
}

std::string facet(const Facet& f) {
    return "{\"status\": " + q(to_string(f.status)) + ", \"detail\": " + q(f.detail) + "}";
}

// Every string of a report may come from the PDF or its certificates: shown escaped (core/utf8.hpp).
std::string e(const std::string& untrusted) { return core::escape_for_display(untrusted); }

void facet_line(std::string& out, const char* name, const Facet& f) {
    out += "    ";
    out += name;
    out += std::string(15 - std::string(name).size(), ' ') + to_string(f.status);
    if (!f.detail.empty()) out += " — " + e(f.detail);
    out += "\n";
}

}  // namespace

std::string to_text(const VerifyReport& r) {
    std::string out = e(r.file) + ": " + to_string(r.verdict) + " (" + e(r.reason) + ")\n";
    for (const auto& p : r.problems) out += "  problem: " + e(p) + "\n";
    if (r.extract_proof.status != FacetStatus::NotChecked) {  // detail: already escaped
        out += "  protokollsutdrag: " + std::string(to_string(r.extract_proof.status)) + " — " +
               r.extract_proof.detail + "\n";
    }
    std::size_t n = 0;
    for (const auto& s : r.signatures) {
        out += (s.kind == "signature" ? "  signature " : "  document time-stamp ") + std::to_string(++n) + ": " +
               to_string(s.verdict);
        out += " — field '" + e(s.field) + "'" + (s.role.empty() ? "" : " (" + e(s.role) + ")");
        out += ", signer '" + e(s.signer) + "'";
        if (!s.signing_time.empty()) out += ", signed " + e(s.signing_time);
        out += "\n";
        if (s.verdict != Verdict::Passed) out += "    reason         " + e(s.reason) + "\n";
        if (!s.sub_filter.empty()) out += "    sub-filter     " + e(s.sub_filter) + "\n";
        facet_line(out, "coverage", s.coverage);
        facet_line(out, "intact", s.intact);
        facet_line(out, "valid", s.valid);
        facet_line(out, "chain", s.chain);
        facet_line(out, "identity", s.identity);
        facet_line(out, "modifications", s.modifications);
        if (!s.level.empty()) out += "    level          " + s.level + "\n";
        if (s.timestamp.status != FacetStatus::NotChecked) facet_line(out, "timestamp", s.timestamp);
        for (const auto& w : s.warnings) out += "    warning        " + e(w) + "\n";
    }
    return out;
}

std::string to_json(const std::vector<VerifyReport>& reports) {
    std::string out = "[";
    for (std::size_t i = 0; i < reports.size(); ++i) {
        const auto& r = reports[i];
        out += i ? ",\n " : "\n ";
        out += "{\"file\": " + q(r.file) + ", \"verdict\": " + q(to_string(r.verdict)) +
               ", \"reason\": " + q(r.reason) + ", \"revisions\": " + std::to_string(r.revisions) +
               ", \"problems\": " + list(r.problems) + ", \"extract_proof\": " + facet(r.extract_proof) +
               ", \"signatures\": [";
        for (std::size_t j = 0; j < r.signatures.size(); ++j) {
            const auto& s = r.signatures[j];
            out += j ? ",\n   " : "\n   ";
            out += "{\"kind\": " + q(s.kind) + ", \"field\": " + q(s.field) + ", \"role\": " + q(s.role) +
                   ", \"signer\": " + q(s.signer) + ", \"signer_dn\": " + q(s.signer_dn) +
                   ", \"signing_time\": " + q(s.signing_time) + ", \"sub_filter\": " + q(s.sub_filter) +
                   ", \"digest\": " + q(s.digest_algorithm) + ", \"algorithm\": " + q(s.signature_algorithm) +
                   ", \"revision\": " + std::to_string(s.revision) + ", \"byte_range\": [" +
                   std::to_string(s.byte_range[0]) + ", " + std::to_string(s.byte_range[1]) + ", " +
                   std::to_string(s.byte_range[2]) + ", " + std::to_string(s.byte_range[3]) + "]" +
                   ", \"covers_whole_file\": " + (s.covers_whole_file ? "true" : "false") +
                   ", \"coverage\": " + facet(s.coverage) + ", \"intact\": " + facet(s.intact) +
                   ", \"valid\": " + facet(s.valid) + ", \"chain\": " + facet(s.chain) +
                   ", \"identity\": " + facet(s.identity) + ", \"modifications\": " + facet(s.modifications) +
                   ", \"changes_after\": " + list(s.changes_after) + ", \"warnings\": " + list(s.warnings) +
                   ", \"verdict\": " + q(to_string(s.verdict)) + ", \"reason\": " + q(s.reason) +
                   ", \"level\": " + q(s.level) + ", \"timestamp\": " + facet(s.timestamp) +
                   ", \"timestamp_time\": " + q(s.timestamp_time) + "}";
        }
        out += r.signatures.empty() ? "]}" : "\n  ]}";
    }
    out += reports.empty() ? "]\n" : "\n]\n";
    return out;
}

}  // namespace kansli::verify
