#include "job/demo_utdrag.hpp"

#include "job/sign.hpp"
#include "job/utdrag.hpp"
#include "job/verify.hpp"

#include <filesystem>

namespace kansli::job {

int utdrag_per_recipient(const std::string& home, const std::string& signed_protokoll, const std::string& out_dir,
                         const std::string& keys_dir, core::Instant time, std::ostream& out) {
    namespace fs = std::filesystem;
    const fs::path keys(keys_dir);
    UtdragRequest req;
    req.input = signed_protokoll;
    req.per_recipient_dir = out_dir;
    req.home = home;
    req.trust = {(keys / "root.cert.pem").string()};
    req.crls = {(keys / "issuing.crl.pem").string(), (keys / "root.crl.pem").string()};
    req.time = time;
    const UtdragResult made = make_utdrag(req);
    VerifyJob vj;
    vj.trust = req.trust;
    vj.crls = req.crls;
    vj.at = time;
    for (std::size_t i = 0; i < made.outputs.size(); ++i) {
        SignConfig cfg;
        cfg.input = made.outputs[i];
        cfg.output = made.outputs[i].substr(0, made.outputs[i].size() - 4) + ".bestyrkt.pdf";
        cfg.key_path = (keys / "christian-ahren.key.pem").string();
        cfg.cert_path = (keys / "christian-ahren.cert.pem").string();
        cfg.passphrase = "kansli-demo";  // the demo PKI's published passphrase (keys/README.md)
        cfg.role = "utdragsbestyrkande";
        cfg.reason = "Utdragsbestyrkande";
        cfg.time = time;
        sign_file(cfg);
        vj.files.push_back(cfg.output);
        out << "  " << made.recipients[i] << " → " << cfg.output << "\n";
    }
    const VerifyJobResult vr = run_verify(vj);
    for (const auto& r : vr.reports) {
        out << "  " << fs::path(r.file).filename().string() << ": " << verify::to_string(r.verdict) << "\n    "
            << r.extract_proof.detail << "\n";
    }
    return vr.exit_code == 0 ? 0 : 1;
}

int demo_utdrag(const std::string& home, const std::string& signed_protokoll, const std::string& dir,
                const std::string& keys_dir, core::Instant time, std::ostream& out) {
    out << "\n5. Protokollsutdrag per recipient of \"Expedieras till\", certified by the sekreterare\n"
        << "   (Utdragsbestyrkande) and verified against the protokoll's own signers\n";
    return utdrag_per_recipient(home, signed_protokoll, (std::filesystem::path(dir) / "utdrag").string(), keys_dir,
                                time, out);
}

}  // namespace kansli::job
