#include "core/utf8.hpp"
#include "inspect/inspect.hpp"

namespace kansli::inspect {

namespace {

std::string e(const std::string& untrusted) { return core::escape_for_display(untrusted); }
std::string q(const std::string& s) { return core::json_quote(s); }
std::string b(bool v) { return v ? "true" : "false"; }

std::string claims_text(const Report& r) {
    std::string out;
    if (r.claims.pdfa_part) out += "PDF/A-" + std::to_string(r.claims.pdfa_part) + e(r.claims.pdfa_conformance);
    if (r.claims.pdfua_part)
        out += std::string(out.empty() ? "" : ", ") + "PDF/UA-" + std::to_string(r.claims.pdfua_part);
    return out.empty() ? "none" : out;
}

std::string verdict(bool claimed, bool broken) {
    return !claimed ? "not claimed" : broken ? "claimed, BROKEN" : "claimed, every check passed";
}

}  // namespace

std::string to_text(const Report& r) {
    std::string out = e(r.file) + "\n  claims      " + claims_text(r) + "\n";
    if (r.claims.pdfa_part && !r.pdfa) out += "              (kansli checks PDF/A-2 only)\n";
    out += "  revisions   " + std::to_string(r.revisions) + "\n";
    std::size_t signed_count = 0;
    for (const auto& s : r.signatures) signed_count += s.is_signed ? 1 : 0;
    out += "  signatures  " + std::to_string(signed_count) + " of " + std::to_string(r.signatures.size()) +
           " fields signed (not verified: use kansli verify)\n";
    for (const auto& s : r.signatures) {
        out += "    " + e(s.name) + ": ";
        out += s.is_signed ? "signed by " + e(s.signer) + " at " + e(s.time) + ", " + e(s.sub_filter) +
                                 (s.revision ? ", closes revision " + std::to_string(s.revision) : "")
                           : std::string("empty");
        out += "\n";
    }
    out += "  fonts       " + std::to_string(r.fonts.size()) + "\n";
    for (const auto& f : r.fonts) {
        out += "    " + e(f.resource) + " " + e(f.facts.name) + " " + e(f.facts.subtype) +
               (f.facts.embedded ? " embedded" : " NOT embedded") +
               (f.facts.to_unicode ? " ToUnicode" : " no ToUnicode") + (f.facts.cidset ? " CIDSet" : "") + " (" +
               f.where + ")\n";
    }
    std::size_t failed = 0;
    for (const auto& c : r.results) failed += c.findings.empty() ? 0 : 1;
    out += "  checks      " + std::to_string(r.results.size()) + " run, " + std::to_string(failed) + " with findings\n";
    for (const auto& c : r.results) {
        const char* mark = c.findings.empty() ? "ok  " : c.claimed ? "FAIL" : "note";
        out += "    " + std::string(mark) + "  " + c.check.clause + ": " + c.check.description + "\n";
        for (const auto& f : c.findings) out += "          " + f.clause + ": " + e(f.message) + "\n";
    }
    out += "  PDF/A-2     " + verdict(r.pdfa, r.pdfa_broken) + "\n";
    out += "  PDF/UA-1    " + verdict(r.pdfua, r.pdfua_broken) + "\n";
    return out;
}

std::string to_json(const Report& r) {
    std::string out = "{\"file\": " + q(r.file) +
                      ", \"claims\": {\"pdfa_part\": " + std::to_string(r.claims.pdfa_part) +
                      ", \"pdfa_conformance\": " + q(r.claims.pdfa_conformance) +
                      ", \"pdfua_part\": " + std::to_string(r.claims.pdfua_part) +
                      "}, \"pdfa_broken\": " + b(r.pdfa_broken) + ", \"pdfua_broken\": " + b(r.pdfua_broken) +
                      ", \"revisions\": " + std::to_string(r.revisions) + ",\n \"signatures\": [";
    for (std::size_t i = 0; i < r.signatures.size(); ++i) {
        const auto& s = r.signatures[i];
        out += std::string(i ? ", " : "") + "{\"field\": " + q(s.name) + ", \"signed\": " + b(s.is_signed) +
               ", \"signer\": " + q(s.signer) + ", \"time\": " + q(s.time) + ", \"sub_filter\": " + q(s.sub_filter) +
               ", \"revision\": " + std::to_string(s.revision) + "}";
    }
    out += "],\n \"fonts\": [";
    for (std::size_t i = 0; i < r.fonts.size(); ++i) {
        const auto& f = r.fonts[i];
        out += std::string(i ? ", " : "") + "{\"resource\": " + q(f.resource) + ", \"name\": " + q(f.facts.name) +
               ", \"subtype\": " + q(f.facts.subtype) + ", \"embedded\": " + b(f.facts.embedded) +
               ", \"to_unicode\": " + b(f.facts.to_unicode) + ", \"cidset\": " + b(f.facts.cidset) +
               ", \"where\": " + q(f.where) + "}";
    }
    out += "],\n \"checks\": [";
    for (std::size_t i = 0; i < r.results.size(); ++i) {
        const auto& c = r.results[i];
        out += std::string(i ? ",\n  " : "\n  ") + "{\"clause\": " + q(c.check.clause) +
               ", \"description\": " + q(c.check.description) + ", \"claimed\": " + b(c.claimed) +
               ", \"passed\": " + b(c.findings.empty()) + ", \"findings\": [";
        for (std::size_t k = 0; k < c.findings.size(); ++k) {
            out += std::string(k ? ", " : "") + "{\"clause\": " + q(c.findings[k].clause) +
                   ", \"message\": " + q(c.findings[k].message) + "}";
        }
        out += "]}";
    }
    out += "\n ]}\n";
    return out;
}

}  // namespace kansli::inspect
