#include "job/demo_second.hpp"

#include "job/build.hpp"
#include "job/demo_utdrag.hpp"
#include "job/sign.hpp"
#include "job/verify.hpp"
#include "verify/report.hpp"

#include <filesystem>

namespace kansli::job {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kMinute = 60;

/// Builds the omedelbart document and has it signed at the meeting, in the order of
/// <underskrifter> without the sekreterare: the justerare, then the acting ordförande (the
/// 1:a vice ordförande). Returns the signed file.
std::string omedelbar_document(const SecondDemo& d, std::ostream& out) {
    const fs::path dir(d.dir), keys(d.keys_dir);
    BuildRequest req;
    req.input = (dir / "protokoll-2025-11-14.xml").string();
    req.home = d.home;
    req.time = d.meeting;
    req.omedelbart = true;
    const BuildResult built = build(req);
    for (const auto& diag : built.diagnostics) out << "    " << diag.message << "\n";
    out << "  kansli build --omedelbart → " << built.output << ": " << built.pages << " pages\n";
    struct Signer {
        const char* key;
        const char* role;
    };
    std::string input = built.output;
    const std::string stem = built.output.substr(0, built.output.size() - 4);
    int n = 0;
    for (const Signer s : {Signer{"kommun-bracke", "justerare"}, Signer{"kommun-harjedalen", "ordförande"}}) {
        SignConfig cfg;
        cfg.input = input;
        cfg.output = stem + (++n == 2 ? ".justerad.pdf" : ".justerad-1.pdf");
        cfg.key_path = (keys / (std::string(s.key) + ".key.pem")).string();
        cfg.cert_path = (keys / (std::string(s.key) + ".cert.pem")).string();
        cfg.passphrase = "kansli-demo";  // the demo PKI's published passphrase (keys/README.md)
        cfg.role = s.role;
        cfg.reason = "Omedelbar justering";
        cfg.location = "Östersund";
        cfg.time = core::Instant{d.meeting.seconds + n * 10 * kMinute};
        const SignOutcome o = sign_file(cfg);
        out << "  signed at the meeting by " << o.signer << " (" << s.role << ") → " << cfg.output << "\n";
        input = cfg.output;
    }
    return input;
}

}  // namespace

int demo_second_protokoll(const SecondDemo& d, std::ostream& out) {
    const fs::path keys(d.keys_dir);
    int status = 0;
    out << "\n6. The second protokoll (protokoll-2025-11-14): §46 was justerad at the meeting, in a document\n"
        << "   of its own that the justerare and the acting ordförande signed there (kansli build --omedelbart)\n";
    VerifyJob vj;
    vj.files = {omedelbar_document(d, out)};
    vj.trust = {(keys / "root.cert.pem").string()};
    vj.crls = {(keys / "issuing.crl.pem").string(), (keys / "root.crl.pem").string()};
    vj.at = d.now;
    const VerifyJobResult vr = run_verify(vj);
    for (const auto& report : vr.reports) out << "\n" << verify::to_text(report) << "\n";
    if (vr.exit_code != 0) status = 1;

    out << "   Its protokollsutdrag per recipient of \"Expedieras till\", made from the justerat protokoll,\n"
        << "   certified by the sekreterare and verified against the protokoll's own signers\n";
    if (utdrag_per_recipient(d.home, d.justerat, (fs::path(d.dir) / "utdrag-2025-11-14").string(), d.keys_dir, d.now,
                             out) != 0) {
        status = 1;
    }
    return status;
}

}  // namespace kansli::job
