// The demo PKI against the examples: every party of the överenskommelse example has its own committed
// demo key (keys/demo), whose certificate names that party as O (checked with openssl).
#include "core/files.hpp"
#include "core/time.hpp"
#include "sign/demo_pki.hpp"
#include "sign/identity.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <utility>

using namespace kansli;

namespace {

// <part id="..." namn="..."/> of the example, in document order.
std::vector<std::pair<std::string, std::string>> example_parties() {
    const core::Bytes xml = core::read_file(test::source("templates/examples/overenskommelse-2025.xml"));
    const std::string text(xml.begin(), xml.end());
    const std::regex part(R"re(<part\s+id="([^"]+)"\s+namn="([^"]+)")re");
    std::vector<std::pair<std::string, std::string>> parties;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), part); it != std::sregex_iterator(); ++it) {
        parties.emplace_back((*it)[1].str(), (*it)[2].str());
    }
    return parties;
}

}  // namespace

TEST_CASE("every party of the avtal example has its own demo signer and committed key", "[demo_pki]") {
    const auto parties = example_parties();
    REQUIRE(parties.size() == 9);
    const auto signers = sign::demo_signers();
    std::set<std::string> slugs, names;
    std::size_t ecdsa = 0;
    for (const auto& [id, namn] : parties) {
        INFO("part " << id << " (" << namn << ")");
        const sign::DemoSigner* found = nullptr;
        for (const auto& s : signers) {
            if (s.organization == namn && s.role.rfind("part " + id + ":", 0) == 0) found = &s;
        }
        REQUIRE(found != nullptr);
        CHECK_FALSE(found->expired);
        CHECK_FALSE(found->revoked);
        CHECK(found->slug == (id == "region" ? std::string("region-jamtland-harjedalen") : "kommun-" + id));
        slugs.insert(found->slug);
        names.insert(found->common_name);
        if (found->ecdsa) ++ecdsa;

        // The committed key and certificate match the signer table.
        core::DiagSink diags;
        const std::string stem = test::source("keys/demo/" + found->slug);
        auto id_ = sign::Identity::load(core::read_file(stem + ".key.pem"), core::read_file(stem + ".cert.pem"),
                                        std::string("kansli-demo"), diags);
        CHECK(id_.common_name() == found->common_name);
        CHECK(id_.algorithm() ==
              (found->ecdsa ? cms::SignatureAlgorithm::EcdsaP256Sha256 : cms::SignatureAlgorithm::RsaPkcs1Sha256));
        CHECK_NOTHROW(id_.check_valid_at(*core::parse_instant("2023-03-01T09:00:00Z")));
        const auto subject = test::run(
            {"openssl", "x509", "-in", stem + ".cert.pem", "-noout", "-subject", "-nameopt", "RFC2253,-esc_msb"});
        REQUIRE(subject.exit_code == 0);
        CHECK(subject.out.find("O=" + namn) != std::string::npos);
        const auto chain = test::run({"openssl", "verify", "-CAfile", test::source("keys/demo/root.cert.pem"),
                                      "-untrusted", test::source("keys/demo/issuing.cert.pem"), "-crl_check",
                                      "-CRLfile", test::source("keys/demo/issuing.crl.pem"), stem + ".cert.pem"});
        CHECK(chain.exit_code == 0);
    }
    CHECK(slugs.size() == parties.size());  // one key per party, not shared
    CHECK(names.size() == parties.size());
    CHECK(ecdsa > 0);  // a mix of RSA and ECDSA
    CHECK(ecdsa < parties.size());
}

TEST_CASE("keys demo --reissue-signers: same keys and names, valid until 2035, revoked serials kept (openssl)",
          "[sign][keys]") {
    const auto read = [](const std::string& name) {
        const core::Bytes b = core::read_file(test::source("keys/demo/" + name));
        return std::string(b.begin(), b.end());
    };
    const auto files = sign::reissue_demo_signers(read, "kansli-demo");
    const std::string dir = test::temp_dir("reissue");
    std::set<std::string> names;
    for (const auto& f : files) {
        core::write_file_atomic(dir + "/" + f.name, f.text);
        names.insert(f.name);
    }
    CHECK(names.count("issuing.crl.pem") == 1);
    CHECK(names.count("root.crl.pem") == 1);
    CHECK(names.count("root.cert.pem") == 0);  // the CAs and the TSA stay
    CHECK(names.count("tsa.cert.pem") == 0);
    const auto pub = [](const std::string& pem) {
        return test::run({"openssl", "x509", "-in", pem, "-noout", "-pubkey", "-subject", "-enddate"}).out;
    };
    for (const char* who : {"christian-ahren", "bjorn-sandal", "expired"}) {
        INFO(who);
        const std::string fresh = pub(dir + "/" + who + ".cert.pem");
        const std::string committed = pub(test::source(std::string("keys/demo/") + who + ".cert.pem"));
        CHECK(fresh == committed);  // same key, subject and end date as the committed re-issue
        CHECK(test::run({"openssl", "verify", "-CAfile", test::source("keys/demo/root.cert.pem"), "-untrusted",
                         test::source("keys/demo/issuing.cert.pem"), "-attime", "1767225600",
                         dir + "/" + who + ".cert.pem"})
                  .exit_code == (std::string(who) == "expired" ? 2 : 0));
    }
    CHECK(pub(dir + "/christian-ahren.cert.pem").find("notAfter=Dec 31 23:59:59 2035 GMT") != std::string::npos);
    // Every serial the committed CRL revokes is still revoked (PDFs signed before keep failing).
    const auto serials = [](const std::string& crl) {
        const auto out = test::run({"openssl", "crl", "-in", crl, "-noout", "-text"}).out;
        std::set<std::string> s;
        const std::regex re(R"(Serial Number: ([0-9A-F]+))");
        for (auto it = std::sregex_iterator(out.begin(), out.end(), re); it != std::sregex_iterator(); ++it)
            s.insert((*it)[1]);
        return s;
    };
    const auto before = serials(test::source("keys/demo/issuing.crl.pem"));
    const auto after = serials(dir + "/issuing.crl.pem");
    CHECK(before.size() >= 1);
    for (const auto& s : before) CHECK(after.count(s) == 1);
    CHECK(after.size() == before.size() + 1);  // plus the re-issued revoked certificate
}
