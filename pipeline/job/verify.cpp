#include "job/verify.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"

namespace kansli::job {

VerifyJobResult run_verify(const VerifyJob& job) {
    verify::VerifyOptions opt;
    opt.at = job.at;
    for (const auto& t : job.trust) {
        auto certs = verify::load_certificates(t);
        opt.trust.insert(opt.trust.end(), certs.begin(), certs.end());
    }
    for (const auto& t : job.trust_tsa) {
        auto certs = verify::load_certificates(t);
        opt.trust_tsa.insert(opt.trust_tsa.end(), certs.begin(), certs.end());
    }
    for (const auto& c : job.certs) {
        auto certs = verify::load_certificates(c);
        opt.extra.insert(opt.extra.end(), certs.begin(), certs.end());
    }
    for (const auto& c : job.crls) {
        auto crls = verify::load_crls(c);
        opt.crls.insert(opt.crls.end(), crls.begin(), crls.end());
    }
    VerifyJobResult res;
    bool all_passed = !job.files.empty();
    std::size_t readable = 0;
    for (const auto& f : job.files) {
        core::Bytes bytes;
        try {
            bytes = core::read_file(f, opt.max_bytes);
        } catch (const core::Error& e) {
            // Reported like any other verdict, so the rest of the batch is still verified.
            verify::VerifyReport rep;
            rep.file = f;
            rep.verdict = verify::Verdict::Indeterminate;
            const auto& d = e.diagnostics().front();
            rep.reason = "cannot read the file: " + d.message + (d.hint.empty() ? "" : " (" + d.hint + ")");
            rep.problems.push_back(rep.reason);
            res.reports.push_back(std::move(rep));
            all_passed = false;
            continue;
        }
        ++readable;
        res.reports.push_back(verify::verify_pdf(bytes, f, opt));
        if (res.reports.back().verdict != verify::Verdict::Passed) all_passed = false;
    }
    res.exit_code = readable == 0 ? 2 : all_passed ? 0 : 1;
    return res;
}

}  // namespace kansli::job
