#include "job/verify.hpp"

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
    for (const auto& f : job.files) {
        const auto bytes = core::read_file(f, opt.max_bytes);
        res.reports.push_back(verify::verify_pdf(bytes, f, opt));
        if (res.reports.back().verdict != verify::Verdict::Passed) all_passed = false;
    }
    res.exit_code = all_passed ? 0 : 1;
    return res;
}

}  // namespace kansli::job
