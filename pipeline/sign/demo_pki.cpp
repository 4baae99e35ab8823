#include "sign/demo_pki.hpp"

#include "core/diagnostic.hpp"
#include "core/time.hpp"

#include <botan/auto_rng.h>
#include <botan/ber_dec.h>
#include <botan/data_src.h>
#include <botan/der_enc.h>
#include <botan/ec_group.h>
#include <botan/ecdsa.h>
#include <botan/pkcs10.h>
#include <botan/pkcs8.h>
#include <botan/pubkey.h>
#include <botan/rsa.h>
#include <botan/x509_ca.h>
#include <botan/x509_crl.h>
#include <botan/x509_ext.h>
#include <botan/x509self.h>

#include <chrono>
#include <functional>
#include <memory>

namespace kansli::sign {
namespace {

constexpr const char* kHash = "SHA-256";
// Signer certificates and CRLs end ten years before the root and the TSA certificate, so that the
// demo can show a B-LTA signature verified after its signer's certificate and the CRLs expired.
constexpr const char* kSignerEnd = "2035-12-31T23:59:59Z";
constexpr const char* kCrlNext = "2035-12-31T00:00:00Z";

Botan::X509_Time at(const char* iso) {
    const auto t = core::parse_instant(iso);
    return Botan::X509_Time(std::chrono::system_clock::time_point(std::chrono::seconds(t.value().seconds)));
}

std::chrono::system_clock::time_point tp(const char* iso) {
    return std::chrono::system_clock::time_point(std::chrono::seconds(core::parse_instant(iso).value().seconds));
}

Botan::X509_Cert_Options options(const std::string& cn, const std::string& org) {
    Botan::X509_Cert_Options o;
    o.common_name = cn;
    o.organization = org;
    o.country = "SE";
    o.start = at("2020-01-01T00:00:00Z");
    o.end = at("2045-12-31T23:59:59Z");
    return o;
}

std::string key_pem(const Botan::Private_Key& key, Botan::RandomNumberGenerator& rng, const std::string& pass,
                    std::size_t iterations) {
    return Botan::PKCS8::PEM_encode_encrypted_pbkdf_iter(key, rng, pass, iterations, "AES-256/CBC", "SHA-256");
}

// A CRL entry revoked at a fixed date (Botan's CRL_Entry constructor stamps "now").
//   revokedCertificate ::= SEQUENCE { userCertificate CertificateSerialNumber,
//       revocationDate Time, crlEntryExtensions Extensions OPTIONAL }   -- RFC 5280 §5.1
//   reasonCode ::= { CRLReason }  -- id-ce-cRLReasons 2.5.29.21, ENUMERATED keyCompromise (1)
Botan::CRL_Entry revoked_entry(const Botan::X509_Certificate& cert, const char* when) {
    std::vector<std::uint8_t> reason;
    Botan::DER_Encoder(reason).encode(static_cast<std::size_t>(Botan::CRL_Code::KEY_COMPROMISE), Botan::ENUMERATED,
                                      Botan::UNIVERSAL);
    std::vector<std::uint8_t> der;
    Botan::DER_Encoder(der)
        .start_cons(Botan::SEQUENCE)
        .encode(Botan::BigInt::decode(cert.serial_number()))
        .encode(at(when))
        .start_cons(Botan::SEQUENCE)
        .start_cons(Botan::SEQUENCE)
        .encode(Botan::OID("2.5.29.21"))
        .encode(reason, Botan::OCTET_STRING)
        .end_cons()
        .end_cons()
        .end_cons();
    Botan::CRL_Entry entry;
    Botan::BER_Decoder dec(der);
    entry.decode_from(dec);
    return entry;
}

// The demo TSA (RFC 3161 §2.3: extKeyUsage id-kp-timeStamping alone and critical), issued by the
// root: ECDSA P-256, so that a time-stamp costs a fraction of a millisecond. Made with make_cert:
// X509_CA::sign_request would re-add the extKeyUsage as non-critical.
std::vector<PemFile> make_tsa(const Botan::X509_Certificate& root, const Botan::Private_Key& root_key,
                              Botan::RandomNumberGenerator& rng, const std::string& passphrase,
                              std::size_t iterations) {
    Botan::ECDSA_PrivateKey tsa_key(rng, Botan::EC_Group("secp256r1"));
    Botan::X509_DN dn;
    dn.add_attribute("X520.CommonName", "kansli DEMO Time-Stamping Authority");
    dn.add_attribute("X520.Country", "SE");
    dn.add_attribute("X520.Organization", "kansli DEMO");
    namespace ext = Botan::Cert_Extension;
    Botan::Extensions e;
    e.add(new ext::Basic_Constraints(false), true);
    e.add(new ext::Key_Usage(Botan::Key_Constraints(Botan::DIGITAL_SIGNATURE | Botan::NON_REPUDIATION)), true);
    e.add(new ext::Extended_Key_Usage({Botan::OID("1.3.6.1.5.5.7.3.8")}), true);
    e.add(new ext::Subject_Key_ID(tsa_key.subject_public_key(), kHash));
    e.add(new ext::Authority_Key_ID(root.subject_key_id()));
    Botan::AlgorithmIdentifier sig_alg;
    const std::unique_ptr<Botan::PK_Signer> signer(Botan::choose_sig_format(root_key, rng, kHash, sig_alg));
    const auto tsa =
        Botan::X509_CA::make_cert(signer.get(), rng, sig_alg, tsa_key.subject_public_key(), at("2020-01-01T00:00:00Z"),
                                  at("2045-12-31T23:59:59Z"), root.subject_dn(), dn, e);
    // The root's (empty) CRL, so that the TSA certificate's revocation can be checked like a signer's.
    const Botan::X509_CA root_ca(root, root_key, kHash, rng);
    const auto this_update = tp("2020-01-02T00:00:00Z");
    const auto next_update = std::chrono::duration_cast<std::chrono::seconds>(tp(kCrlNext) - this_update);
    const auto crl =
        root_ca.update_crl(root_ca.new_crl(rng, this_update, next_update), {}, rng, this_update, next_update);
    return {{"tsa.key.pem", key_pem(tsa_key, rng, passphrase, iterations)},
            {"tsa.cert.pem", tsa.PEM_encode()},
            {"root.crl.pem", crl.PEM_encode()}};
}

// A signer certificate for `key` from the issuing CA: valid 2020..kSignerEnd (the expired one 2020..2021).
Botan::X509_Certificate issue_signer(const Botan::X509_CA& issuing_ca, const DemoSigner& s,
                                     const Botan::Private_Key& key, Botan::RandomNumberGenerator& rng) {
    auto opts = options(s.common_name, s.organization);
    opts.constraints = Botan::Key_Constraints(Botan::DIGITAL_SIGNATURE | Botan::NON_REPUDIATION);
    opts.end = at(s.expired ? "2021-12-31T23:59:59Z" : kSignerEnd);
    return issuing_ca.sign_request(Botan::X509::create_cert_req(opts, key, kHash, rng), rng, opts.start, opts.end);
}

// The issuing CA's CRL: thisUpdate 2020-01-02 (validation at any time of the signers' validity
// accepts it), nextUpdate kCrlNext.
PemFile issuing_crl(const Botan::X509_CA& issuing_ca, const std::vector<Botan::CRL_Entry>& revoked,
                    Botan::RandomNumberGenerator& rng) {
    const auto this_update = tp("2020-01-02T00:00:00Z");
    const auto next_update = std::chrono::duration_cast<std::chrono::seconds>(tp(kCrlNext) - this_update);
    const auto crl = issuing_ca.update_crl(issuing_ca.new_crl(rng, this_update, next_update), revoked, rng, this_update,
                                           next_update);
    return {"issuing.crl.pem", crl.PEM_encode()};
}

}  // namespace

std::vector<PemFile> reissue_demo_signers(const std::function<std::string(const std::string&)>& read,
                                          const std::string& passphrase) {
    try {
        Botan::AutoSeeded_RNG rng;
        const auto cert_of = [&](const std::string& name) {
            Botan::DataSource_Memory src(read(name));
            return Botan::X509_Certificate(src);
        };
        const auto key_of = [&](const std::string& name) {
            Botan::DataSource_Memory src(read(name));
            return std::unique_ptr<Botan::Private_Key>(Botan::PKCS8::load_key(src, passphrase));
        };
        const auto issuing = cert_of("issuing.cert.pem");
        const auto issuing_key = key_of("issuing.key.pem");
        const Botan::X509_CA issuing_ca(issuing, *issuing_key, kHash, rng);
        std::vector<PemFile> files;
        // The certificates revoked before stay revoked (PDFs signed with them are test fixtures).
        Botan::DataSource_Memory old_crl_src(read("issuing.crl.pem"));
        std::vector<Botan::CRL_Entry> revoked = Botan::X509_CRL(old_crl_src).get_revoked();
        for (const auto& s : demo_signers()) {
            const auto key = key_of(s.slug + ".key.pem");
            const auto cert = issue_signer(issuing_ca, s, *key, rng);
            if (s.revoked) revoked.push_back(revoked_entry(cert, "2020-06-01T00:00:00Z"));
            files.push_back({s.slug + ".cert.pem", cert.PEM_encode() + issuing.PEM_encode()});
        }
        files.push_back(issuing_crl(issuing_ca, revoked, rng));
        const auto root = cert_of("root.cert.pem");
        const auto root_key = key_of("root.key.pem");
        const Botan::X509_CA root_ca(root, *root_key, kHash, rng);
        const auto this_update = tp("2020-01-02T00:00:00Z");
        const auto next_update = std::chrono::duration_cast<std::chrono::seconds>(tp(kCrlNext) - this_update);
        const auto crl =
            root_ca.update_crl(root_ca.new_crl(rng, this_update, next_update), {}, rng, this_update, next_update);
        files.push_back({"root.crl.pem", crl.PEM_encode()});
        return files;
    } catch (const std::exception& e) {
        throw core::Error(core::ExitCode::Usage, "keys", {},
                          std::string("cannot re-issue the demo signers: ") + e.what());
    }
}

std::vector<PemFile> make_demo_tsa(const std::string& root_cert_pem, const std::string& root_key_pem,
                                   const std::string& passphrase, std::size_t pbkdf_iterations) {
    try {
        Botan::AutoSeeded_RNG rng;
        Botan::DataSource_Memory cert_src(root_cert_pem);
        const Botan::X509_Certificate root(cert_src);
        Botan::DataSource_Memory key_src(root_key_pem);
        const std::unique_ptr<Botan::Private_Key> root_key(Botan::PKCS8::load_key(key_src, passphrase));
        return make_tsa(root, *root_key, rng, passphrase, pbkdf_iterations);
    } catch (const std::exception& e) {
        throw core::Error(core::ExitCode::Usage, "keys", {}, std::string("cannot make the demo TSA: ") + e.what());
    }
}

std::vector<DemoSigner> demo_signers() {
    return {
        {"christian-ahren", "Christian Åhrén", "Region Jämtland Härjedalen", "sekreterare", false, false, false},
        {"bjorn-sandal", "Björn Sandal", "Region Jämtland Härjedalen", "justerare", true, false, false},
        {"katarina-nyberg-finn", "Katarina Nyberg Finn", "Region Jämtland Härjedalen", "ordförande", false, false,
         false},
        // The nine parties of the överenskommelse (templates/examples/overenskommelse-2025.xml): one
        // FICTIONAL representative each (invented names, not the real office holders).
        {"kommun-berg", "Gunnel Bergsten", "Bergs kommun", "part berg: kommunstyrelsens ordförande (fictional)", false,
         false, false},
        {"kommun-bracke", "Tomas Fjällgren", "Bräcke kommun", "part bracke: kommunstyrelsens ordförande (fictional)",
         true, false, false},
        {"kommun-harjedalen", "Ingrid Sveding", "Härjedalens kommun",
         "part harjedalen: kommunstyrelsens ordförande (fictional)", false, false, false},
        {"kommun-krokom", "Jonas Alsén", "Krokoms kommun", "part krokom: kommunstyrelsens ordförande (fictional)", true,
         false, false},
        {"kommun-ragunda", "Britt Hammarlund", "Ragunda kommun",
         "part ragunda: kommunstyrelsens ordförande (fictional)", false, false, false},
        {"kommun-stromsund", "Erik Strandberg", "Strömsunds kommun",
         "part stromsund: kommunstyrelsens ordförande (fictional)", true, false, false},
        {"kommun-are", "Sara Åkerström", "Åre kommun", "part are: kommunstyrelsens ordförande (fictional)", false,
         false, false},
        {"kommun-ostersund", "Mats Ödling", "Östersunds kommun",
         "part ostersund: kommunstyrelsens ordförande (fictional)", true, false, false},
        {"region-jamtland-harjedalen", "Maria Öhman", "Region Jämtland Härjedalen",
         "part region: regionstyrelsens ordförande (fictional)", false, false, false},
        {"revoked", "Rolf Återkallad (DEMO revoked)", "kansli DEMO",
         "revoked 2020-06-01 (keyCompromise), on issuing.crl.pem", false, false, true},
        {"expired", "Eva Utgången (DEMO expired)", "kansli DEMO", "expired signer (valid 2020-2021)", false, true,
         false},
    };
}

std::vector<PemFile> make_demo_pki(const std::string& passphrase, std::size_t pbkdf_iterations) {
    try {
        Botan::AutoSeeded_RNG rng;
        std::vector<PemFile> files;

        Botan::RSA_PrivateKey root_key(rng, 3072);
        auto root_opts = options("kansli DEMO Root CA", "kansli DEMO");
        root_opts.CA_key(1);
        const auto root = Botan::X509::create_self_signed_cert(root_opts, root_key, kHash, rng);
        files.push_back({"root.cert.pem", root.PEM_encode()});
        files.push_back({"root.key.pem", key_pem(root_key, rng, passphrase, pbkdf_iterations)});

        Botan::RSA_PrivateKey issuing_key(rng, 2048);
        auto issuing_opts = options("kansli DEMO Issuing CA", "kansli DEMO");
        issuing_opts.CA_key(0);
        const Botan::X509_CA root_ca(root, root_key, kHash, rng);
        const auto issuing = root_ca.sign_request(Botan::X509::create_cert_req(issuing_opts, issuing_key, kHash, rng),
                                                  rng, issuing_opts.start, issuing_opts.end);
        files.push_back({"issuing.cert.pem", issuing.PEM_encode()});
        files.push_back({"issuing.key.pem", key_pem(issuing_key, rng, passphrase, pbkdf_iterations)});

        const Botan::X509_CA issuing_ca(issuing, issuing_key, kHash, rng);
        std::vector<Botan::CRL_Entry> revoked;
        for (const auto& s : demo_signers()) {
            std::unique_ptr<Botan::Private_Key> key;
            if (s.ecdsa) {
                key = std::make_unique<Botan::ECDSA_PrivateKey>(rng, Botan::EC_Group("secp256r1"));
            } else {
                key = std::make_unique<Botan::RSA_PrivateKey>(rng, 2048);
            }
            const auto cert = issue_signer(issuing_ca, s, *key, rng);
            if (s.revoked) revoked.push_back(revoked_entry(cert, "2020-06-01T00:00:00Z"));
            files.push_back({s.slug + ".key.pem", key_pem(*key, rng, passphrase, pbkdf_iterations)});
            files.push_back({s.slug + ".cert.pem", cert.PEM_encode() + issuing.PEM_encode()});
        }
        for (auto& f : make_tsa(root, root_key, rng, passphrase, pbkdf_iterations)) files.push_back(std::move(f));

        files.push_back(issuing_crl(issuing_ca, revoked, rng));
        return files;
    } catch (const std::exception& e) {
        throw core::Error(core::ExitCode::Usage, "keys", {}, std::string("cannot make the demo PKI: ") + e.what());
    }
}

}  // namespace kansli::sign
