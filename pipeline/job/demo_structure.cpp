#include "job/demo_structure.hpp"

#include "pdf/reader.hpp"
#include "pdf/structure_check.hpp"

#include <exception>
#include <ostream>

namespace kansli::job {

int demo_structure(const std::vector<std::string>& files, std::ostream& out) {
    out << "\n5. Tagged structure after signing (structure tree, marked content, parent tree, headings, tables,\n"
        << "   figures, links and signature widgets: ISO 14289-1 and ISO 19005-2 level A checks)\n";
    int status = 0;
    for (const auto& file : files) {
        try {
            pdf::Opened pdf = pdf::open_file(file, pdf::default_limits());
            const auto findings = pdf::check_structure(*pdf.qpdf);
            out << "  " << file << ": " << (findings.empty() ? "tagged, every structure check passed" : "FAILED")
                << "\n";
            for (std::size_t i = 0; i < findings.size() && i < 10; ++i) {
                const auto& f = findings[i];
                out << "    " << f.clause << " (" << f.rule << ")"
                    << (f.page > 0 ? ", page " + std::to_string(f.page) : std::string()) << ": " << f.message << "\n";
            }
            if (!findings.empty()) status = 1;
        } catch (const std::exception& e) {  // core::Error, pdf::Refused
            out << "  " << file << ": cannot be read (" << e.what() << ")\n";
            status = 1;
        }
    }
    return status;
}

}  // namespace kansli::job
