#include "job/demo_ltv.hpp"

#include "job/ltv.hpp"
#include "job/verify.hpp"
#include "tsa/client.hpp"

#include <algorithm>
#include <filesystem>
#include <ostream>

namespace kansli::job {
namespace {

constexpr std::int64_t kYear = 365 * 86400;

core::Instant instant(const Botan::X509_Time& t) {
    return core::Instant{static_cast<std::int64_t>(t.time_since_epoch())};
}

// A date after every signer certificate and CRL of the demo PKI expired, while the root and the
// TSA certificate are still valid; ten years after `time` when the PKI has no such date.
core::Instant years_later(const std::filesystem::path& keys, core::Instant time) {
    core::Instant last{time.seconds};
    for (const char* who : {"christian-ahren", "bjorn-sandal", "katarina-nyberg-finn"}) {
        const auto certs = verify::load_certificates((keys / (std::string(who) + ".cert.pem")).string());
        if (!certs.empty()) last = std::max(last, instant(certs.front().not_after()));
    }
    for (const char* crl : {"issuing.crl.pem", "root.crl.pem"}) {
        for (const auto& c : verify::load_crls((keys / crl).string())) last = std::max(last, instant(c.next_update()));
    }
    core::Instant limit = core::kLastInstant;
    for (const char* who : {"root", "tsa"}) {
        for (const auto& c : verify::load_certificates((keys / (std::string(who) + ".cert.pem")).string())) {
            limit = std::min(limit, instant(c.not_after()));
        }
    }
    const core::Instant after{last.seconds + 86400};
    return after < limit ? after : core::Instant{time.seconds + 10 * kYear};
}

}  // namespace

int demo_long_term(const std::string& signed_pdf, const std::string& keys_dir, const std::string& tsa_url,
                   core::Instant time, std::ostream& out) {
    const std::filesystem::path keys(keys_dir);
    LtvConfig cfg;
    cfg.input = signed_pdf;
    cfg.output = signed_pdf.substr(0, signed_pdf.size() - 4) + ".lta.pdf";
    cfg.trust = {(keys / "root.cert.pem").string()};
    cfg.crls = {(keys / "issuing.crl.pem").string(), (keys / "root.crl.pem").string()};
    cfg.time = time;
    cfg.timestamp = [&tsa_url](const cms::tsp::Imprint& imprint) {
        return tsa::request_timestamp(tsa_url, imprint, 10, true);
    };
    const LtvOutcome o = ltv_file(cfg);
    out << "  /DSS with " << o.certs << " certificates and " << o.crls << " CRLs, then a document time-stamp → "
        << cfg.output << "\n";

    VerifyJob vj;
    vj.files = {cfg.output};
    vj.trust = cfg.trust;  // no --crl: the revocation data comes from the file's DSS
    vj.at = years_later(keys, time);
    const VerifyJobResult vr = run_verify(vj);
    const bool expired = vj.at.seconds != time.seconds + 10 * kYear;
    out << "  verified at " << core::format_iso(vj.at)
        << (expired ? ", after the signers' certificates and the CRLs expired (the root and the TSA still valid),\n"
                      "  from the data in the file alone (no --crl):\n"
                    : " from the data in the file alone (no --crl):\n");
    int status = vr.exit_code == 0 ? 0 : 1;
    for (const auto& s : vr.reports.front().signatures) {
        out << "    " << verify::to_string(s.verdict) << ", " << (s.level.empty() ? s.kind : s.level) << " — "
            << (s.kind == "signature" ? "signature '" : "document time-stamp '") << s.field << "' by " << s.signer
            << "\n";
        if (s.kind == "signature" && s.level != "B-LTA") status = 1;
    }
    return status;
}

}  // namespace kansli::job
