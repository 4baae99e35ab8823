#include "job/demo_inspect.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "inspect/inspect.hpp"

#include <filesystem>

namespace kansli::job {

void demo_inspect(const std::vector<std::string>& files, std::ostream& out, int& status) {
    out << "\n5. Preflight (kansli inspect): PDF/A-2 and PDF/UA-1 claims against kansli's checks\n";
    for (const auto& f : files) {
        const std::string name = std::filesystem::path(f).filename().string();
        try {
            const core::Bytes bytes = core::read_file(f, std::size_t{128} << 20);
            const inspect::Report r = inspect::inspect(bytes, f);
            std::size_t failed = 0;
            for (const auto& c : r.results) failed += c.findings.empty() ? 0 : 1;
            std::string claims;
            if (r.pdfa) claims = "PDF/A-2" + r.claims.pdfa_conformance;
            if (r.pdfua) claims += std::string(claims.empty() ? "" : " + ") + "PDF/UA-1";
            out << "  " << name << ": " << (claims.empty() ? "claims nothing" : claims) << ", "
                << r.results.size() - failed << "/" << r.results.size() << " checks pass, " << r.revisions
                << (r.revisions == 1 ? " revision" : " revisions") << (r.broken() ? "  BROKEN" : "") << "\n";
            if (r.broken()) status = 1;
        } catch (const std::exception& e) {
            out << "  " << name << ": cannot inspect: " << e.what() << "\n";
            status = 1;
        }
    }
}

}  // namespace kansli::job
