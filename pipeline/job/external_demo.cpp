#include "job/external_demo.hpp"

#include "job/sign_external.hpp"
#include "sign/identity.hpp"

#include <ostream>

namespace kansli::job {

int run_external_demo(const ExternalDemo& d, std::ostream& out) {
    const std::string stem = d.reference.substr(0, d.reference.size() - 4) + "-extern";
    const std::string key = d.keys + "/" + d.who + ".key.pem", cert = d.keys + "/" + d.who + ".cert.pem";
    out << "\n3b. The last party signs once more, with a key kansli never holds (a card, BankID, an HSM):\n"
        << "    kansli sign --prepare, the card signs the digest, kansli sign --complete\n";
    SignConfig cfg;
    cfg.input = d.input;
    cfg.output = stem + "-prepared.pdf";
    cfg.cert_path = cert;
    cfg.field = d.field;
    cfg.location = d.location;
    cfg.reason = d.reason;
    cfg.time = d.time;
    const PrepareOutcome prepared = prepare_file(cfg, stem + ".digest");
    out << "  prepared for " << prepared.sign.signer << " (\"" << prepared.field << "\") → " << cfg.output << "\n"
        << "  the digest of the signed attributes (32 bytes) → " << prepared.digest_path << "\n";

    // The card: the demo key, loaded by Botan in this process, signs the pre-hashed digest.
    core::DiagSink ignored;
    sign::Identity card = sign::Identity::load(core::read_file(key), core::read_file(cert), std::string("kansli-demo"),
                                               ignored, key, cert);
    const std::string signature = stem + ".sig";
    core::write_file_atomic(signature, card.sign_digest(core::read_file(prepared.digest_path)));
    out << "  the card signed it → " << signature << "\n";

    SignConfig done;
    done.input = cfg.output;
    done.output = stem + ".pdf";
    done.cert_path = cert;
    const SignOutcome completed = complete_file(done, signature);
    out << "  completed by " << completed.signer << " → " << done.output << "\n";
    if (card.algorithm() != cms::SignatureAlgorithm::RsaPkcs1Sha256) return 0;
    if (core::read_file(done.output) != core::read_file(d.reference)) {
        out << "  ERROR: the completed file differs from the one-step signature " << d.reference << "\n";
        return 1;
    }
    out << "  byte-identical to the one-step signature " << d.reference << " (RSA PKCS#1 v1.5 is deterministic)\n";
    return 0;
}

}  // namespace kansli::job
