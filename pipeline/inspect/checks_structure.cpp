// The tagged structure (ISO 14289-1 and ISO 19005-2 level A): pdf::check_structure, the checks
// the build's tagging is tested with, as one row of the table.
#include "inspect/doc.hpp"
#include "pdf/structure_check.hpp"

namespace kansli::inspect {

namespace {

std::vector<Finding> structure(const Doc& d) {
    std::vector<Finding> out;
    for (const auto& f : pdf::check_structure(d.pdf())) {
        if (out.size() >= kMaxFindings) break;
        out.push_back({f.clause, (f.page > 0 ? "page " + std::to_string(f.page) + ": " : std::string()) + f.message +
                                     " [" + f.rule + "]"});
    }
    return out;
}

}  // namespace

std::vector<Check> structure_checks() {
    return {{"ISO 14289-1 7.1-7.18, ISO 19005-2 6.7",
             "logical structure: marked content, structure tree, headings, tables, figures, annotations",
             PdfALevelA | PdfUA, structure}};
}

}  // namespace kansli::inspect
