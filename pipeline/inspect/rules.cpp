// The table of checks and running it. New families add their rows here (one line each).
#include "inspect/inspect.hpp"
#include "inspect/walk.hpp"

#include <algorithm>
#include <set>

namespace kansli::inspect {

namespace {

std::vector<SignatureField> signature_fields(const Doc& d, const std::vector<std::size_t>& revision_ends) {
    std::vector<SignatureField> out;
    OH fields = d.pdf().getRoot().getKey("/AcroForm").getKey("/Fields");
    if (!fields.isArray()) return out;
    std::vector<std::pair<OH, std::string>> todo;
    const auto top = fields.getArrayAsVector();
    for (auto it = top.rbegin(); it != top.rend(); ++it) todo.emplace_back(*it, "");
    std::set<QPDFObjGen> seen;
    while (!todo.empty() && out.size() < 1000 && seen.size() < 100000) {
        auto [f, prefix] = todo.back();
        todo.pop_back();
        if (!f.isDictionary() || (f.isIndirect() && !seen.insert(f.getObjGen()).second)) continue;
        const std::string name = prefix + detail::text_of(f.getKey("/T"));
        OH kids = f.getKey("/Kids");
        if (kids.isArray() && !f.hasKey("/FT")) {
            const auto ks = kids.getArrayAsVector();
            for (auto it = ks.rbegin(); it != ks.rend(); ++it) todo.emplace_back(*it, name + ".");
            continue;
        }
        if (detail::text_of(f.getKey("/FT")) != "Sig") continue;
        SignatureField s;
        s.name = name;
        OH v = f.getKey("/V");
        s.is_signed = v.isDictionary();
        if (s.is_signed) {
            s.signer = detail::text_of(v.getKey("/Name"));
            s.time = detail::text_of(v.getKey("/M"));
            s.sub_filter = detail::text_of(v.getKey("/SubFilter"));
            OH br = v.getKey("/ByteRange");
            if (br.isArray() && br.getArrayNItems() == 4 && br.getArrayItem(2).isInteger() &&
                br.getArrayItem(3).isInteger()) {
                const long long end = br.getArrayItem(2).getIntValue() + br.getArrayItem(3).getIntValue();
                for (std::size_t i = 0; i < revision_ends.size(); ++i) {
                    if (static_cast<long long>(revision_ends[i]) >= end) {
                        s.revision = i + 1;
                        break;
                    }
                }
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace

std::vector<Check> all_checks() {
    std::vector<Check> all;
    for (auto family : {syntax_checks, metadata_checks, font_checks, annotation_checks, structure_checks}) {
        for (auto& c : family()) all.push_back(std::move(c));
    }
    return all;
}

Report inspect(std::span<const std::uint8_t> bytes, const std::string& file, const std::vector<Check>& checks,
               const pdf::Loaded* loaded) {
    const Doc doc(bytes, loaded);
    Report r;
    r.file = file;
    r.claims = doc.claims;
    r.revisions = doc.revisions;
    r.pdfa = doc.claims.pdfa_part == 2;
    r.pdfa_level_a = r.pdfa && doc.claims.pdfa_conformance == "A";
    r.pdfua = doc.claims.pdfua_part == 1;
    r.signatures = signature_fields(doc, doc.revision_ends);
    for (const auto& f : detail::used_fonts(doc)) r.fonts.push_back({f.resource, f.where, font_facts(f.font)});
    for (const Check& c : checks) {
        CheckResult res{c, {}, false};
        const bool pdfa_hit = ((c.applies & PdfA) && r.pdfa) || ((c.applies & PdfALevelA) && r.pdfa_level_a);
        const bool ua_hit = (c.applies & PdfUA) && r.pdfua;
        res.claimed = pdfa_hit || ua_hit;
        try {
            res.findings = c.fn(doc);
        } catch (const std::exception& e) {
            res.findings = {{"", std::string("the check could not complete: ") + e.what()}};
        }
        if (res.findings.size() > kMaxFindings) res.findings.resize(kMaxFindings);
        for (auto& f : res.findings) {
            if (f.clause.empty()) f.clause = c.clause;
        }
        if (!res.findings.empty()) {
            r.pdfa_broken = r.pdfa_broken || pdfa_hit;
            r.pdfua_broken = r.pdfua_broken || ua_hit;
        }
        r.results.push_back(std::move(res));
    }
    return r;
}

}  // namespace kansli::inspect
