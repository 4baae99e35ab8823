// cms::encode_signed_data checked with OpenSSL (a CMS implementation we did not write).
#include "cms/encode.hpp"
#include "core/diagnostic.hpp"
#include "support/tools.hpp"

#include <botan/auto_rng.h>
#include <botan/data_src.h>
#include <botan/hash.h>
#include <botan/pkcs8.h>
#include <botan/pubkey.h>
#include <botan/x509cert.h>

#include <catch2/catch.hpp>

#include <fstream>

using namespace kansli;

namespace {

// A key-file signer for the test, the way an HSM adapter would plug in: digest in, signature out.
class TestSigner final : public cms::Signer {
public:
    explicit TestSigner(const std::string& who) {
        Botan::DataSource_Stream src(test::source("keys/demo/" + who + ".key.pem"));
        m_key = Botan::PKCS8::load_key(src, std::string("kansli-demo"));
        m_rsa = m_key->algo_name() == "RSA";
        m_signer = std::make_unique<Botan::PK_Signer>(*m_key, m_rng, m_rsa ? "EMSA3(Raw,SHA-256)" : "Raw",
                                                      m_rsa ? Botan::IEEE_1363 : Botan::DER_SEQUENCE);
    }
    cms::SignatureAlgorithm algorithm() const override {
        return m_rsa ? cms::SignatureAlgorithm::RsaPkcs1Sha256 : cms::SignatureAlgorithm::EcdsaP256Sha256;
    }
    std::size_t max_signature_size() const override { return m_rsa ? 256 : 72; }
    core::Bytes sign_digest(const core::Bytes& digest) override {
        ++calls;
        const auto s = m_signer->sign_message(digest.data(), digest.size(), m_rng);
        return core::Bytes(s.begin(), s.end());
    }
    int calls = 0;

private:
    Botan::AutoSeeded_RNG m_rng;
    std::unique_ptr<Botan::Private_Key> m_key;
    std::unique_ptr<Botan::PK_Signer> m_signer;
    bool m_rsa = false;
};

std::vector<core::Bytes> certs_of(const std::string& who) {
    Botan::DataSource_Stream src(test::source("keys/demo/" + who + ".cert.pem"));
    std::vector<core::Bytes> out;
    while (!src.end_of_data()) {
        try {
            const auto der = Botan::X509_Certificate(src).BER_encode();
            out.emplace_back(der.begin(), der.end());
        } catch (const std::exception&) {
            break;
        }
    }
    return out;
}

void write(const std::string& path, const core::Bytes& b) {
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("SignedData verifies with openssl cms and has the PAdES B-B shape", "[cms]") {
    const std::string who = GENERATE(std::string("christian-ahren"), std::string("bjorn-sandal"));
    CAPTURE(who);
    const std::string dir = test::temp_dir("cms");
    const std::string content = "%PDF-1.7 signed byte ranges, with Swedish å ä ö";
    const core::Bytes content_bytes(content.begin(), content.end());
    auto hash = Botan::HashFunction::create_or_throw("SHA-256");
    const auto digest = hash->process(content_bytes);

    auto certs = certs_of(who);
    REQUIRE(certs.size() == 2);
    cms::SignedDataInput in{core::Bytes(digest.begin(), digest.end()), certs[0], {certs[1]}};
    TestSigner signer(who);
    const core::Bytes der = cms::encode_signed_data(in, signer);
    CHECK(signer.calls == 1);
    CHECK(der.size() <= cms::max_signed_data_size(in, signer));
    if (who == "christian-ahren") CHECK(der.size() == cms::max_signed_data_size(in, signer));  // RSA: exact
    write(dir + "/sig.p7s", der);
    write(dir + "/content.bin", content_bytes);

    const auto v = test::run({"openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", dir + "/sig.p7s",
                              "-content", dir + "/content.bin", "-CAfile", test::source("keys/demo/root.cert.pem"),
                              "-purpose", "any", "-out", "/dev/null"});
    CHECK(v.err.find("Verification successful") != std::string::npos);
    CHECK(v.exit_code == 0);

    // one changed content byte: openssl must refuse
    write(dir + "/other.bin", core::Bytes(content.begin(), content.end() - 1));
    const auto bad = test::run({"openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", dir + "/sig.p7s",
                                "-content", dir + "/other.bin", "-CAfile", test::source("keys/demo/root.cert.pem"),
                                "-purpose", "any", "-out", "/dev/null"});
    CHECK(bad.exit_code != 0);

    const auto p = test::run({"openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", dir + "/sig.p7s"});
    REQUIRE(p.exit_code == 0);
    CHECK(count(p.out, "d.issuerAndSerialNumber:") == 1);          // exactly one SignerInfo
    CHECK(count(p.out, "cert_info:") == 2);                        // signer + issuing CA, no root
    CHECK(p.out.find("eContent: <ABSENT>") != std::string::npos);  // detached
    CHECK(count(p.out, "object: contentType") == 1);
    CHECK(count(p.out, "object: messageDigest") == 1);
    CHECK(count(p.out, "object: id-smime-aa-signingCertificateV2") == 1);
    CHECK(p.out.find("signingTime") == std::string::npos);
    const auto ua = p.out.find("unsignedAttrs:");
    REQUIRE(ua != std::string::npos);
    CHECK(p.out.compare(p.out.find_first_not_of(" \n", ua + 14), 8, "<ABSENT>") == 0);
}

TEST_CASE("signed attributes are a DER SET whose messageDigest is the content digest", "[cms]") {
    const auto certs = certs_of("christian-ahren");
    const core::Bytes digest(32, 0xAB);
    const core::Bytes attrs = cms::encode_signed_attributes(digest, certs.at(0));
    REQUIRE(attrs.size() > 40);
    CHECK(attrs[0] == 0x31);  // universal SET: the bytes that are signed (RFC 5652 §5.4)
    const std::string s(attrs.begin(), attrs.end());
    CHECK(s.find(std::string("\x04\x20") + std::string(32, '\xAB')) != std::string::npos);
    CHECK_THROWS_AS(cms::encode_signed_attributes(core::Bytes(20, 0), certs.at(0)), core::Error);
    CHECK_THROWS_AS(cms::encode_signed_attributes(digest, core::Bytes{1, 2, 3}), core::Error);
}
